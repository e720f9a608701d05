import type { ContainerInstanceArn } from './ids.js';
import type { LoadBalancer, Observation, Task } from './observation.js';
import type { ServiceSpec } from './services.js';
import { type ServingRank, servingRanks } from './serving-rank.js';
import { type TaskPorts, taskPorts } from './task-ports.js';
import { canTakeTraffic, isReady, reportsHealth } from './task-readiness.js';

/** A task that could serve a service, with what the plan needs to know about it. */
export interface Candidate {
  readonly task: Task;
  readonly ports: TaskPorts;
  /** Can take traffic (and has been running for the settle time). */
  readonly ready: boolean;
  /** HEALTHY, or no health check, whatever its age. */
  readonly canTakeTraffic: boolean;
  readonly onThisHost: boolean;
  /** How firmly the service's load balancer already holds it (see serving-rank.ts). */
  readonly rank: ServingRank;
}

export const isRunning = (task: Task): boolean =>
  task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING';

export const isOnThisHost = (task: Task, observation: Observation): boolean =>
  task.containerInstanceArn === observation.host.containerInstanceArn;

/**
 * A container instance is DRAINING when the observation's host statuses say so, or, for this host, its
 * own status does. Either source is enough: a host that sees itself draining must not pick its own tasks
 * while its peers (which see only the host statuses) might pick theirs, or two hosts could both serve.
 */
export const isDraining = (observation: Observation, arn: ContainerInstanceArn): boolean =>
  observation.hostStatuses?.[arn] === 'DRAINING' ||
  (arn === observation.host.containerInstanceArn && observation.host.status === 'DRAINING');

/**
 * A candidate: running and meant to keep running (ECS sets desiredStatus STOPPED before SIGTERM, so
 * traffic leaves during the stop timeout), with every binding the service needs, on a container
 * instance that is not DRAINING (ECS is about to stop it).
 */
export const isCandidate = (task: Task, service: ServiceSpec, observation: Observation): boolean =>
  isRunningOnActiveHost(task, observation) && taskPorts(task, service) !== undefined;

const isRunningOnActiveHost = (task: Task, observation: Observation): boolean =>
  isRunning(task) && !isDraining(observation, task.containerInstanceArn);

/**
 * The candidates among a service's tasks, each with its ports, readiness and rank against `lb`, the
 * service's load balancer.
 */
export const candidatesOf = (
  service: ServiceSpec,
  tasks: readonly Task[],
  observation: Observation,
  settleTimeSeconds: number,
  now: number,
  lb: LoadBalancer,
): readonly Candidate[] => {
  // One array and plain loops: this runs for every service on every reconcile, and at 10,000 services
  // the allocations, not the comparisons, are what cost.
  const candidates: { -readonly [K in keyof Candidate]: Candidate[K] }[] = [];
  let hasHealthCheck = false;
  for (const task of tasks) {
    const ports = isRunningOnActiveHost(task, observation) ? taskPorts(task, service) : undefined;
    if (ports === undefined) continue;
    const onThisHost = isOnThisHost(task, observation);
    candidates.push({ task, ports, ready: false, canTakeTraffic: false, onThisHost, rank: 2 });
    hasHealthCheck ||= reportsHealth(task);
  }
  // Readiness needs to know whether any candidate reports health (see task-readiness.ts).
  for (const c of candidates) {
    c.canTakeTraffic = canTakeTraffic(c.task, hasHealthCheck);
    c.ready = isReady(c.task, hasHealthCheck, settleTimeSeconds, now);
  }
  const ranks = servingRanks(candidates, lb, lb.instances);
  candidates.forEach((c, i) => {
    c.rank = ranks[i] ?? 2;
  });
  return candidates;
};
