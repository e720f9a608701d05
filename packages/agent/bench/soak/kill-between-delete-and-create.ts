import type { ServiceSpec } from '@statika/core';
import type { World } from '@statika/sim';
import type { SimCluster } from '../../src/sim-cluster/sim-cluster.js';

export interface KillOutcome {
  readonly killed: readonly number[];
  /** Tasks stopped so that another host takes the service over while the killed agents are down. */
  readonly stopped: number;
}

/**
 * An agent killed between a listener's delete and its create: the agent replacing the listener runs
 * where the service's tasks are, so those hosts' agents are killed (before the create reaches AWS).
 * With `takeOver`, the service's tasks on those hosts are stopped too: ECS places their replacements on
 * another host, whose agent takes the load balancer over while the killed one is down, and races its
 * journal recovery once it restarts (the interleaving that lost listener policies, open fault 4).
 */
export const killBetweenDeleteAndCreate = (
  world: World,
  cluster: SimCluster,
  service: ServiceSpec | undefined,
  takeOver: boolean,
): KillOutcome => {
  const running = world.internals.ecs
    .tasks()
    .filter((t) => t.serviceName === service?.serviceName && t.lastStatus === 'RUNNING');
  const hosts = new Set(running.map((t) => t.instanceId));
  const killed = cluster.hosts.flatMap((id, i) => (hosts.has(id) && cluster.isRunning(i) ? [i] : []));
  for (const i of killed) cluster.killAgent(i);
  const stopped = takeOver && killed.length > 0 ? running.filter((t) => t.desiredStatus === 'RUNNING') : [];
  for (const task of stopped) world.stopTask(task.taskArn);
  return { killed, stopped: stopped.length };
};
