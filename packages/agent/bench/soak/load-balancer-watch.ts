import type { ServiceSpec } from '@statika/core';
import { describeEvent, type SimEvent } from '@statika/sim';
import type { SimCluster } from '../../src/sim-cluster/sim-cluster.js';
import type { EventWindow } from './event-window.js';
import type { ListenerMove } from './invariants.js';
import { killBetweenDeleteAndCreate } from './kill-between-delete-and-create.js';

/**
 * What the soak sees of the load balancers as they change: listener moves (recorded while a quiet period
 * is checked, for the flapping invariant), the changes since convergence (for the stability one), and the
 * armed kill of the agents between a listener delete and its create.
 */
export interface LoadBalancerWatch {
  /** Records every listener created from now on, starting from the listeners as they are at `at`. */
  startRecording(at: number): void;
  stopRecording(): void;
  moves(): readonly ListenerMove[];
  /** Load balancer changes since the last `clearChanges`. */
  changes(): readonly string[];
  clearChanges(): void;
  /** Kills the agents at the next listener delete, before its create. */
  armKill(): void;
  disarmKill(): void;
}

export interface WatchOptions {
  readonly cluster: SimCluster;
  readonly serviceOfLb: ReadonlyMap<string, ServiceSpec>;
  /** Load balancers whose every change goes into the event log. */
  readonly traced: ReadonlySet<string>;
  readonly window: EventWindow;
  /** A kill between a delete and a create happened; `takenOver` when another host took the service over. */
  readonly onKill: (takenOver: boolean) => void;
}

export const watchLoadBalancers = (options: WatchOptions): LoadBalancerWatch => {
  const { cluster, serviceOfLb, traced, window } = options;
  const { world } = cluster;
  let recording = false;
  let moves: ListenerMove[] = [];
  let changes: string[] = [];
  let killArmed = false;
  let kills = 0;

  /** Where a listener's instance port leads: the hosts of the service's live tasks on that port. */
  const targetOf = (lbName: string, port: number): string => {
    const service = serviceOfLb.get(lbName);
    const hosts = world.internals.ecs
      .tasks()
      .filter(
        (t) =>
          t.lastStatus !== 'STOPPED' &&
          (service?.family === undefined
            ? t.group === `service:${service?.serviceName}`
            : t.family === service.family) &&
          t.containers.some((c) => c.ports.some((p) => p.hostPort === port)),
      )
      .map((t) => t.instanceId);
    return `${[...new Set(hosts)].sort().join('|') || '?'}:${port}`;
  };

  const kill = (loadBalancerName: string): void => {
    killArmed = false;
    // Every other such kill, another host takes the service over while the killed agent is down.
    const takeOver = kills % 2 === 1;
    kills += 1;
    const service = serviceOfLb.get(loadBalancerName);
    const { killed, stopped } = killBetweenDeleteAndCreate(world, cluster, service, takeOver);
    options.onKill(stopped > 0);
    window.note(
      `  killed agent(s) ${killed.join(', ') || 'none running'} between the delete and the create on ${loadBalancerName}${stopped > 0 ? `; stopped ${stopped} task(s) of ${service?.serviceName}: another host takes over` : ''}`,
    );
  };

  const onWorldEvent = (event: SimEvent): void => {
    if (event.type !== 'loadBalancerChanged') return;
    if (traced.has(event.loadBalancerName)) window.note(`    ${describeEvent(event)}`);
    changes.push(`${event.operation} on ${event.loadBalancerName}`);
    if (recording && event.operation === 'CreateLoadBalancerListeners') {
      for (const listener of event.after.listeners) {
        moves.push({
          at: event.at,
          loadBalancerName: event.loadBalancerName,
          loadBalancerPort: listener.loadBalancerPort,
          target: targetOf(event.loadBalancerName, listener.instancePort),
        });
      }
    }
    if (killArmed && event.operation === 'DeleteLoadBalancerListeners') kill(event.loadBalancerName);
  };
  world.onEvent(onWorldEvent);

  return {
    startRecording: (at) => {
      recording = true;
      moves = world.snapshot().loadBalancers.flatMap((lb) =>
        lb.listeners.map((l) => ({
          at,
          loadBalancerName: lb.name,
          loadBalancerPort: l.loadBalancerPort,
          target: targetOf(lb.name, l.instancePort),
        })),
      );
    },
    stopRecording: () => {
      recording = false;
    },
    moves: () => moves,
    changes: () => changes,
    clearChanges: () => {
      changes = [];
    },
    armKill: () => {
      killArmed = true;
    },
    disarmKill: () => {
      killArmed = false;
    },
  };
};
