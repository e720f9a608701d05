import type { SimEvent, World } from '@statika/sim';

interface DeployInFlight {
  readonly revision: number;
  task: string | undefined;
  instanceId: string | undefined;
  port: number | undefined;
  readyAt: number | undefined;
}

/**
 * Follows the world's events to time what the fleet bench reports: each deploy's cut-over (from the new
 * task turning HEALTHY to its load balancer forwarding to it on a registered instance) and each hand
 * edit's correction (from the edit to the listener forwarding to the serving port again).
 */
export interface FleetTracker {
  readonly cutoversMs: number[];
  readonly correctionsMs: number[];
  /** Deploys started and not cut over yet. */
  pendingDeploys(): number;
  /** After a hand edit of `loadBalancerName` at `at`: the correction ends when it forwards to `port` again. */
  expectCorrection(loadBalancerName: string, port: number, at: number): void;
  pendingCorrections(): number;
  reset(): void;
}

const lbOf = (serviceName: string): string => `${serviceName}-elb`;

export const trackFleet = (world: World): FleetTracker => {
  const deploys = new Map<string, DeployInFlight>();
  const corrections = new Map<string, { port: number; since: number }>();
  const tracker: FleetTracker = {
    cutoversMs: [],
    correctionsMs: [],
    pendingDeploys: () => deploys.size,
    expectCorrection: (name, port, at) => corrections.set(name, { port, since: at }),
    pendingCorrections: () => corrections.size,
    reset: () => {
      tracker.cutoversMs.length = 0;
      tracker.correctionsMs.length = 0;
      deploys.clear();
      corrections.clear();
    },
  };

  /** The deploy of `service` is cut over once its load balancer forwards to the new, ready task. */
  const checkCutover = (serviceName: string, at: number): void => {
    const deploy = deploys.get(serviceName);
    if (deploy?.readyAt === undefined || deploy.port === undefined || deploy.instanceId === undefined) return;
    const lb = world.loadBalancer(lbOf(serviceName));
    const forwards =
      lb?.instances.includes(deploy.instanceId as never) === true &&
      lb.listeners.length > 0 &&
      lb.listeners.every((l) => l.instancePort === deploy.port);
    if (!forwards) return;
    tracker.cutoversMs.push(at - deploy.readyAt);
    deploys.delete(serviceName);
  };

  world.onEvent((event: SimEvent) => {
    switch (event.type) {
      case 'deployment':
        deploys.set(event.serviceName, {
          revision: event.revision,
          task: undefined,
          instanceId: undefined,
          port: undefined,
          readyAt: undefined,
        });
        return;
      case 'taskPending': {
        const deploy = event.serviceName === undefined ? undefined : deploys.get(event.serviceName);
        if (deploy !== undefined && deploy.revision === event.revision) deploy.task = event.taskArn;
        return;
      }
      case 'taskRunning': {
        const deploy = event.serviceName === undefined ? undefined : deploys.get(event.serviceName);
        if (deploy === undefined || deploy.task !== event.taskArn) return;
        deploy.instanceId = event.instanceId;
        deploy.port = event.hostPorts[0]?.hostPort;
        return;
      }
      case 'taskHealth': {
        const deploy = event.serviceName === undefined ? undefined : deploys.get(event.serviceName);
        if (deploy === undefined || deploy.task !== event.taskArn || event.healthStatus !== 'HEALTHY') return;
        deploy.readyAt = event.at;
        checkCutover(event.serviceName as string, event.at);
        return;
      }
      case 'loadBalancerChanged': {
        const serviceName = event.loadBalancerName.replace(/-elb$/, '');
        checkCutover(serviceName, event.at);
        const expected = corrections.get(event.loadBalancerName);
        const listeners = event.after.listeners;
        if (
          expected !== undefined &&
          listeners.length > 0 &&
          listeners.every((l) => l.instancePort === expected.port)
        ) {
          tracker.correctionsMs.push(event.at - expected.since);
          corrections.delete(event.loadBalancerName);
        }
        return;
      }
      default:
        return;
    }
  });
  return tracker;
};
