import type { SimEvent } from '@statika/sim';
import { ticksBetween } from './probe-counter.js';

/** What one measured deploy did, followed through the world's events. */
export interface DeployTrack {
  revision: number;
  /** The service's tasks of the deploy's revision (replacements included). */
  readonly tasks: Set<string>;
  /** `instance:port` of the new tasks. */
  readonly ports: Set<string>;
  /** The first new task turning HEALTHY. */
  readonly readyAt: number;
  /** Every listener forwarding to a new task's port on a registered instance. */
  readonly cutAt: number;
  /** Old tasks of the service that stopped. */
  readonly oldStopped: number;
  /** Listener replacements (CreateLoadBalancerListeners calls). */
  readonly replacements: number;
  /** Registrations of an instance with the load balancer (a move to another host, or a static-port peer joining). */
  readonly registrations: number;
  /** Probes that failed inside a replacement (between a listener's delete and its create). */
  readonly replacementProbes: number;
  /** A new task of the deploy started RUNNING. */
  readonly firstRunningAt: number;
}

export interface DeployTracker {
  /** Starts following a new deploy. */
  reset(): void;
  readonly current: () => DeployTrack;
  /** Feeds one world event; `wasUp` is the probe's answer before it. */
  onEvent(event: SimEvent, wasUp: boolean): void;
  /** Node-port mode: host `instanceId` now forwards the node port to `hostPort`. */
  onForwarding(instanceId: string, hostPort: number, at: number): void;
}

/**
 * Follows the deploys of `serviceName` behind its load balancer, one at a time. The cut-over: in listener
 * mode every listener forwarding to a new task's port on a registered instance; in node-port mode every
 * one of `hosts` forwarding its node port to its new task (the listener never moves).
 */
export const createDeployTracker = (
  serviceName: string,
  probeEveryMs: number,
  mode: 'listener' | 'node-port',
  hosts: readonly string[],
): DeployTracker => {
  const fresh = () => ({
    revision: -1,
    tasks: new Set<string>(),
    ports: new Set<string>(),
    readyAt: 0,
    cutAt: 0,
    oldStopped: 0,
    replacements: 0,
    registrations: 0,
    replacementProbes: 0,
    firstRunningAt: 0,
  });
  let deploy = fresh();
  let deletedAt: number | undefined;
  const rules = new Map<string, number>();
  return {
    reset: () => {
      deploy = fresh();
      deletedAt = undefined;
    },
    current: () => deploy,
    onForwarding: (instanceId, hostPort, at) => {
      rules.set(instanceId, hostPort);
      const forwardedToNew = hosts.every((h) => deploy.ports.has(`${h}:${rules.get(h) ?? 0}`));
      if (mode === 'node-port' && deploy.cutAt === 0 && deploy.revision >= 0 && forwardedToNew)
        deploy.cutAt = at;
    },
    onEvent: (event, wasUp) => {
      const changed = event.type === 'loadBalancerChanged' ? event.operation : undefined;
      // A replacement's own gap: from the delete (when traffic flowed until then) to the create.
      if (changed === 'DeleteLoadBalancerListeners') deletedAt = wasUp ? event.at : undefined;
      if (changed === 'CreateLoadBalancerListeners') {
        if (deletedAt !== undefined)
          deploy.replacementProbes += ticksBetween(deletedAt, event.at, probeEveryMs);
        deletedAt = undefined;
        deploy.replacements += 1;
      }
      if (changed === 'RegisterInstancesWithLoadBalancer') deploy.registrations += 1;
      if (event.type === 'deployment') deploy.revision = event.revision;
      if (
        event.type === 'taskPending' &&
        event.revision === deploy.revision &&
        event.serviceName === serviceName
      )
        deploy.tasks.add(event.taskArn);
      if (event.type === 'taskRunning' && deploy.tasks.has(event.taskArn)) {
        deploy.firstRunningAt = deploy.firstRunningAt || event.at;
        for (const p of event.hostPorts) deploy.ports.add(`${event.instanceId}:${p.hostPort}`);
      }
      if (event.type === 'taskHealth' && deploy.tasks.has(event.taskArn) && event.healthStatus === 'HEALTHY')
        deploy.readyAt = deploy.readyAt || event.at;
      if (
        event.type === 'taskStopped' &&
        event.serviceName === serviceName &&
        !deploy.tasks.has(event.taskArn)
      )
        deploy.oldStopped += 1;
      if (event.type === 'loadBalancerChanged') {
        const { listeners, instances } = event.after;
        const served = listeners.every((l) =>
          instances.some((id) => deploy.ports.has(`${id}:${l.instancePort}`)),
        );
        if (mode === 'listener' && deploy.cutAt === 0 && served) deploy.cutAt = event.at;
      }
    },
  };
};
