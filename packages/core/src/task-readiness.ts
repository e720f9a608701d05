import type { Task } from './observation.js';

/**
 * A task's health as the plan reads it. ECS reports `healthStatus` UNKNOWN both for a task with no
 * health check and for one whose check has not answered yet. We tell them apart by the task's peers:
 * when another candidate of the same service reports HEALTHY or UNHEALTHY, the service has a health
 * check and UNKNOWN means "pending" (not ready); otherwise it means "no health check" (healthy enough).
 */
export type TaskHealth = 'healthy' | 'failing' | 'pending' | 'no-health-check';

export const taskHealth = (task: Task, serviceHasHealthCheck: boolean): TaskHealth => {
  switch (task.healthStatus) {
    case 'HEALTHY':
      return 'healthy';
    case 'UNHEALTHY':
      return 'failing';
    case 'UNKNOWN':
      return serviceHasHealthCheck ? 'pending' : 'no-health-check';
  }
};

/** True when the task reports a health check result (HEALTHY or UNHEALTHY), so its service has a health check. */
export const reportsHealth = (task: Task): boolean =>
  task.healthStatus === 'HEALTHY' || task.healthStatus === 'UNHEALTHY';

/**
 * Can take traffic: HEALTHY, or no health check, whatever its age. A load balancer already sending to its
 * host keeps doing so without a pause, so such a task may serve there before it has settled.
 */
export const canTakeTraffic = (task: Task, serviceHasHealthCheck: boolean): boolean => {
  const health = taskHealth(task, serviceHasHealthCheck);
  return health === 'healthy' || health === 'no-health-check';
};

/** Ready: can take traffic, and running for at least the settle time. `now` in epoch ms. */
export const isReady = (
  task: Task,
  serviceHasHealthCheck: boolean,
  settleTimeSeconds: number,
  now: number,
): boolean =>
  canTakeTraffic(task, serviceHasHealthCheck) &&
  task.startedAt !== undefined &&
  now - task.startedAt >= settleTimeSeconds * 1000;
