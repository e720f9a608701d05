import * as t from 'io-ts';
import { type Candidate, isDraining } from './candidate.js';
import { InstanceId, TaskArn } from './ids.js';
import type { LoadBalancer, Observation, Task } from './observation.js';
import type { ServiceSpec } from './services.js';
import { taskPorts } from './task-ports.js';
import { reportsHealth } from './task-readiness.js';

/**
 * A bounded wait before a move between hosts (SPEC §4 rule 2, and why it is the core's to time).
 *
 * With a task of a service on each of two hosts, a rolling deploy starts a new task on each, and ECS stops
 * an old task as soon as one new task is healthy: often the serving host's old task while the serving
 * host's new one is still starting (PENDING, or RUNNING with its health not yet known). Rule 2 would
 * then move the service to the other host, which a Classic ELB keeps OutOfService for
 * HealthyThreshold x Interval, while the serving host's stopping task still answers during its stop
 * timeout and its new task is usually healthy a moment later. So no host moves the service while a
 * registered host runs such a starting task, for at most HealthyThreshold x Interval (the cost of the
 * move it avoids, capped at `MAX_HOLD_MS`) from the task's start: a hold never costs more than the move
 * it waits to avoid. Every host sees the same tasks and load balancer, so every host holds alike; the
 * start time comes from ECS (a task only this host has seen holds nothing).
 */
export const ServingHostHold = t.readonly(
  t.type({
    /** The registered host's starting task the service waits for. */
    taskArn: TaskArn,
    instanceId: InstanceId,
    /** Epoch ms after which the service moves anyway. */
    until: t.number,
  }),
);
export type ServingHostHold = t.TypeOf<typeof ServingHostHold>;

/** The longest hold, whatever the health check: ELB's defaults (10 x 30 s) would make it five minutes. */
export const MAX_HOLD_MS = 60_000;

/**
 * The hold on a service whose best candidate, `best`, is on an unregistered host (a move), or undefined.
 * `tasks` are the service's tasks, cluster-wide.
 */
export const servingHostHold = (
  service: ServiceSpec,
  tasks: readonly Task[],
  observation: Observation,
  lb: LoadBalancer,
  best: Candidate,
  now: number,
): ServingHostHold | undefined => {
  if (best.rank !== 2 || isRegistered(lb, best.task)) return undefined;
  const window = Math.min(lb.healthCheck.healthyThreshold * lb.healthCheck.interval * 1000, MAX_HOLD_MS);
  let hold: ServingHostHold | undefined;
  for (const task of tasks) {
    const since = task.startedAt ?? task.createdAt;
    if (since === undefined || task.instanceId === undefined) continue;
    if (
      !isStarting(task, service) ||
      !isRegistered(lb, task) ||
      isDraining(observation, task.containerInstanceArn)
    ) {
      continue;
    }
    const until = since + window;
    if (until <= now) continue;
    if (hold === undefined || until > hold.until || (until === hold.until && task.taskArn < hold.taskArn)) {
      hold = { taskArn: task.taskArn, instanceId: task.instanceId, until };
    }
  }
  return hold;
};

const isRegistered = (lb: LoadBalancer, task: Task): boolean =>
  task.instanceId !== undefined && lb.instances.includes(task.instanceId);

/** ECS's lastStatus values before RUNNING. */
const BEFORE_RUNNING: ReadonlySet<string> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

/**
 * Meant to run, and neither able to take traffic nor failing: before RUNNING, or a RUNNING candidate whose
 * health is not reported yet. (A RUNNING candidate that reports nothing while no peer reports health has
 * no health check and can take traffic; `best`'s rank 2 says no registered host has one.)
 */
const isStarting = (task: Task, service: ServiceSpec): boolean =>
  task.desiredStatus === 'RUNNING' &&
  (BEFORE_RUNNING.has(task.lastStatus) ||
    (task.lastStatus === 'RUNNING' && !reportsHealth(task) && taskPorts(task, service) !== undefined));
