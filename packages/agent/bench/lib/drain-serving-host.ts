import type { createSimCluster } from '../../src/sim-cluster/sim-cluster.js';
import type { DeployTracker } from './deploy-tracker.js';

const TIMEOUT_MS = 180_000;

export type Cluster = Awaited<ReturnType<typeof createSimCluster>>;

/** Drains the serving host once the deploy's first new task runs; returns that host. */
export const drainMidDeploy = async (cluster: Cluster, tracker: DeployTracker): Promise<string> => {
  await cluster.runUntil(() => tracker.current().firstRunningAt > 0, { timeoutMs: TIMEOUT_MS });
  const serving = cluster.world.loadBalancer('svc-0-elb')?.instances[0];
  if (serving === undefined) throw new Error('no serving host to drain');
  cluster.world.drain(serving);
  return serving;
};

/**
 * Back to a task on each host, unmeasured: the drained host turns ACTIVE again, and the task that does
 * not serve on the host that now runs both is stopped, so that ECS's spread placement starts its
 * replacement on the empty host.
 */
export const restoreDrainedHost = async (cluster: Cluster, drained: string): Promise<void> => {
  const { world } = cluster;
  world.activate(drained);
  const servingPort = world.loadBalancer('svc-0-elb')?.listeners[0]?.instancePort;
  const live = () =>
    world
      .tasks()
      .filter(
        (t) => t.serviceName === 'svc-0' && t.desiredStatus === 'RUNNING' && t.lastStatus === 'RUNNING',
      );
  const spare = live().find((t) => t.containers[0]?.networkBindings[0]?.hostPort !== servingPort);
  if (spare !== undefined) world.stopTask(spare.taskArn);
  const spread = () => new Set(live().map((t) => t.instanceId)).size === world.hosts().length;
  if (!(await cluster.runUntil(() => spread() && cluster.allInSync(), { timeoutMs: TIMEOUT_MS }))) {
    throw new Error('the drained host did not get its task back');
  }
};
