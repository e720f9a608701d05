import type { LoadBalancer, Observation, Task } from './observation.js';
import { selectTask } from './select-task.js';
import { MAX_HOLD_MS, type ServingHostHold } from './serving-host-hold.js';
import type { Spec } from './spec.js';
import { indexTasks, tasksOfService } from './task-index.js';

/**
 * How long this host's agent waits before its next resync, so that the agents of a cluster together stay
 * within the fleet's API budget however many hosts there are, without talking to each other: each agent
 * reads the cluster's size from its own observation and takes its share.
 *
 * - `holding`: a move between hosts is held for a starting task (serving-host-hold.ts) of a service this
 *   host runs a task of. The serving host re-reads every `HOLD_POLL_MS`, since its local watch does not
 *   see health and the task turning HEALTHY is what ends the hold; the others re-read when it ends, to
 *   move at once if it has not. Only the hosts of a service in such a deploy are here, for seconds.
 * - `watching`: this host runs a task of a configured service that is starting or started less than
 *   `TAKEOVER_WATCH_MS` ago while another host runs one of the same family: a deploy between hosts is
 *   under way and its next step happens there (the old task stopping), which this host's local watch
 *   cannot see: `sleepTimeSeconds`, as without a budget. Only hosts in such a deploy are here; a deploy
 *   within one host is followed by its local watch.
 * - `involved`: this host runs a task of a configured service or is registered with a configured load
 *   balancer; a change made by hand to its load balancer is this host's to correct.
 * - `idle`: neither. Nothing AWS holds can change this host's plan but a change made by hand (this
 *   instance registered by someone), and the local watch sees its own tasks start: it reads
 *   `IDLE_FACTOR` times less often.
 *
 * The budget: with A involved hosts among H, the fleet's weight is W = A + (H - A) / IDLE_FACTOR, and the
 * involved interval is W times the reads of one resync divided by the budget (ECS and ELB, whichever is
 * tighter), never below `sleepTimeSeconds`. The idle interval is IDLE_FACTOR times that. So the steady
 * fleet spends at most the budget, and a small cluster, far below it, keeps `sleepTimeSeconds`.
 */
export type ResyncRole = 'holding' | 'watching' | 'involved' | 'idle';

export interface ResyncInterval {
  readonly role: ResyncRole;
  /** Milliseconds to the next resync (before jitter). */
  readonly ms: number;
  /** Container instances of the cluster (agents that share the budget). */
  readonly hosts: number;
  /** Of them, the hosts that run a configured task or are registered with a configured load balancer. */
  readonly involvedHosts: number;
  /** AWS reads one resync makes, as the observer batches them (files aside). */
  readonly reads: ReadsPerResync;
}

export interface ReadsPerResync {
  readonly ecs: number;
  readonly elb: number;
}

/** An idle host reads this many times less often than an involved one. */
export const IDLE_FACTOR = 10;
/** A task this young on this host keeps the host watching (its deploy may hinge on another host). */
export const TAKEOVER_WATCH_MS = 120_000;

/** How often the serving host re-reads while a move is held for its starting task. */
export const HOLD_POLL_MS = 1000;

/** ECS answers 100 tasks a ListTasks page and describes 100 a call; ELB pages 400 load balancers. */
const ECS_PAGE = 100;
const ELB_PAGE = 400;

/**
 * The reads of one observation, as `@statika/aws`'s observer makes them: every ListTasks page of the
 * cluster, DescribeTasks 100 at a time, DescribeContainerInstances for this host and the configured
 * tasks' hosts 100 at a time, one DescribeLoadBalancers per 400 configured names plus one per name AWS
 * does not know (absent from the observation: the observer asks for those one by one).
 */
export const readsPerResync = (spec: Spec, observation: Observation): ReadsPerResync => {
  const tasks = observation.clusterSize?.tasks ?? observation.tasks.length;
  const described = new Set([
    observation.host.containerInstanceArn,
    ...observation.tasks.map((t) => t.containerInstanceArn),
  ]);
  const found = new Set(observation.loadBalancers.map((lb) => lb.name));
  const names = new Set(spec.services.map((service) => service.loadBalancerName));
  const missing = [...names].filter((name) => !found.has(name)).length;
  const loadBalancers = observation.loadBalancers.length + missing;
  return {
    ecs:
      Math.max(1, Math.ceil(tasks / ECS_PAGE)) +
      Math.ceil(tasks / ECS_PAGE) +
      Math.ceil(described.size / ECS_PAGE),
    elb: Math.max(1, Math.ceil(loadBalancers / ELB_PAGE)) + missing,
  };
};

/** The next resync's interval for this host: a pure function of the spec, the observation and `now`. */
export const resyncInterval = (spec: Spec, observation: Observation, now: number): ResyncInterval => {
  const { configuration } = spec;
  const involved = involvedHosts(observation);
  const hosts = Math.max(observation.clusterSize?.containerInstances ?? 0, involved.size, 1);
  const reads = readsPerResync(spec, observation);
  const weight = involved.size + (hosts - involved.size) / IDLE_FACTOR;
  const budgetMs =
    1000 *
    weight *
    Math.max(
      reads.ecs / configuration.fleetEcsReadsPerSecond,
      reads.elb / configuration.fleetElbReadsPerSecond,
    );
  const sleepMs = configuration.sleepTimeSeconds * 1000;
  const role = roleOf(observation, now);
  const usual =
    role === 'watching'
      ? sleepMs
      : Math.max(sleepMs, Math.ceil(role === 'involved' ? budgetMs : IDLE_FACTOR * budgetMs));
  const held = holdWaitMs(spec, observation, now);
  return held !== undefined && held < usual
    ? { role: 'holding', ms: held, hosts, involvedHosts: involved.size, reads }
    : { role, ms: usual, hosts, involvedHosts: involved.size, reads };
};

/**
 * The wait before the next read while a move is held on a service this host runs a task of: `HOLD_POLL_MS`
 * on the serving host, until the hold ends elsewhere; undefined when no such hold.
 */
const holdWaitMs = (spec: Spec, observation: Observation, now: number): number | undefined => {
  let wait: number | undefined;
  for (const hold of holdsOf(spec, observation, now)) {
    const ms =
      hold.instanceId === observation.host.instanceId
        ? HOLD_POLL_MS
        : Math.max(HOLD_POLL_MS, hold.until - now);
    wait = wait === undefined ? ms : Math.min(wait, ms);
  }
  return wait;
};

/** The holds on listener-mode services that have a task on this host. */
const holdsOf = (spec: Spec, observation: Observation, now: number): readonly ServingHostHold[] => {
  const index = indexTasks(observation.tasks);
  const loadBalancers = new Map<string, LoadBalancer>(observation.loadBalancers.map((lb) => [lb.name, lb]));
  const holds: ServingHostHold[] = [];
  for (const service of spec.services) {
    const lb = loadBalancers.get(service.loadBalancerName);
    const tasks = tasksOfService(index, service);
    // Only a young task can be held for: skip the selection for every other service.
    const here = tasks.some((t) => t.containerInstanceArn === observation.host.containerInstanceArn);
    if (lb === undefined || service.nodePort !== undefined || !here || !tasks.some((t) => mayHold(t, now))) {
      continue;
    }
    const selection = selectTask(service, tasks, observation, spec.configuration, now, lb);
    if (selection.type === 'waiting' && selection.reason.type === 'holding') holds.push(selection.reason);
  }
  return holds;
};

/** Started (or created) less than `MAX_HOLD_MS` ago: only such a task can hold a move. */
const mayHold = (task: Task, now: number): boolean => {
  const since = task.startedAt ?? task.createdAt;
  return since !== undefined && now - since < MAX_HOLD_MS;
};

const hostKey = (task: Task): string => task.instanceId ?? task.containerInstanceArn;

/** Hosts (by EC2 instance id where known) that run a configured task or are registered with a configured ELB. */
const involvedHosts = (observation: Observation): ReadonlySet<string> =>
  new Set([...observation.tasks.map(hostKey), ...observation.loadBalancers.flatMap((lb) => lb.instances)]);

const roleOf = (observation: Observation, now: number): ResyncRole => {
  const { host } = observation;
  const here = observation.tasks.filter((t) => t.containerInstanceArn === host.containerInstanceArn);
  if (here.some((t) => isYoung(t, now) && runsElsewhere(observation, t))) return 'watching';
  const registered = observation.loadBalancers.some((lb) => lb.instances.includes(host.instanceId));
  return here.length > 0 || registered ? 'involved' : 'idle';
};

/** Starting, or started less than `TAKEOVER_WATCH_MS` ago, and meant to keep running. */
const isYoung = (task: Task, now: number): boolean =>
  task.desiredStatus === 'RUNNING' &&
  (task.startedAt === undefined || now - task.startedAt < TAKEOVER_WATCH_MS);

/** Another host runs a task of the same family: a deploy between hosts, whose next step happens there. */
const runsElsewhere = (observation: Observation, task: Task): boolean =>
  observation.tasks.some(
    (other) =>
      other.family === task.family &&
      other.containerInstanceArn !== task.containerInstanceArn &&
      other.desiredStatus === 'RUNNING',
  );
