import type { World } from '@statika/sim';
import type { SimCluster } from '../sim-cluster/sim-cluster.js';
import type { ProbeTarget } from './traffic-probe.js';

/** One act of the demo: what it does to the world, and when it is over. */
export interface DemoScenario {
  readonly title: string;
  /** One sentence for the viewer, printed before it starts. */
  readonly story: string;
  /** The load balancer ports that must keep serving during the scenario. */
  readonly probes: readonly ProbeTarget[];
  /** Why failed probes are expected, when they are. */
  readonly note?: string;
  start(cluster: SimCluster): void;
  /** Converged: the world is steady, the load balancers point at it, every agent says so. */
  done(cluster: SimCluster): boolean;
  /** Undo what `start` changed that must not outlive the scenario (faults). */
  finish?(cluster: SimCluster): void;
}

const WEB: ProbeTarget = { loadBalancerName: 'web-elb', loadBalancerPort: 80 };
const TCP: ProbeTarget = { loadBalancerName: 'tcp-elb', loadBalancerPort: 9000 };

/** The service's tasks that are not gone yet. */
const liveTasks = (world: World, serviceName: string) =>
  world.tasks().filter((t) => t.serviceName === serviceName && t.lastStatus !== 'STOPPED');

/** Every task of the service runs the current revision, wants to keep running, and there are as many as desired. */
const steady = (world: World, serviceName: string): boolean => {
  const service = world.services().find((s) => s.serviceName === serviceName);
  const tasks = liveTasks(world, serviceName);
  return (
    service !== undefined &&
    tasks.length === service.desiredCount &&
    tasks.every(
      (t) => t.revision === service.revision && t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING',
    )
  );
};

/** Every listener of the load balancer forwards to the host port of the service's (only) task. */
const pointsAtService = (world: World, loadBalancerName: string, serviceName: string): boolean => {
  const ports = new Set(
    liveTasks(world, serviceName).flatMap((t) => t.containers.flatMap((c) => c.ports.map((p) => p.hostPort))),
  );
  const lb = world.loadBalancer(loadBalancerName);
  return lb !== undefined && lb.listeners.length > 0 && lb.listeners.every((l) => ports.has(l.instancePort));
};

const serving = (cluster: SimCluster, target: ProbeTarget, serviceName: string): boolean =>
  steady(cluster.world, serviceName) &&
  pointsAtService(cluster.world, target.loadBalancerName, serviceName) &&
  cluster.world.probe(target.loadBalancerName, target.loadBalancerPort);

/** The four acts: first convergence, a rolling deploy, a scale to zero, a rolling deploy under throttling. */
export const demoScenarios = (): readonly DemoScenario[] => [
  {
    title: 'first convergence',
    story:
      'The load balancers point at stale ports (32000, 32001) and the host is not in tcp-elb: traffic fails. Statika starts.',
    probes: [WEB, TCP],
    note: 'the load balancers start at stale ports; traffic fails until Statika has moved them',
    start: (cluster) => cluster.startAgent(0),
    done: (cluster) => cluster.allInSync() && serving(cluster, WEB, 'web') && serving(cluster, TCP, 'tcp'),
  },
  {
    title: 'rolling deploy of web',
    story: 'ECS starts a new web task on a new port, then stops the old one. Traffic must not notice.',
    probes: [WEB, TCP],
    start: (cluster) => {
      cluster.world.deploy('web');
    },
    done: (cluster) => cluster.allInSync() && serving(cluster, WEB, 'web'),
  },
  {
    title: 'scale tcp to zero',
    story:
      'The tcp service is scaled to zero: the host leaves tcp-elb, its listener is kept for the next task.',
    probes: [WEB],
    start: (cluster) => cluster.world.scale('tcp', 0),
    done: (cluster) =>
      cluster.allInSync() &&
      liveTasks(cluster.world, 'tcp').length === 0 &&
      (cluster.world.loadBalancer(TCP.loadBalancerName)?.instances.length ?? 1) === 0 &&
      (cluster.world.loadBalancer(TCP.loadBalancerName)?.listeners.length ?? 0) > 0,
  },
  {
    title: 'rolling deploy under throttling',
    story:
      '30% of all AWS calls now answer Throttling; web is deployed again. Statika backs off and retries.',
    probes: [WEB],
    start: (cluster) => {
      cluster.world.setFault('*', { throttleRate: 0.3 });
      cluster.world.deploy('web');
    },
    done: (cluster) => cluster.allInSync() && serving(cluster, WEB, 'web'),
    finish: (cluster) => cluster.world.clearFaults(),
  },
];
