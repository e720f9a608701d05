import { isHealthyTask, type SimTask } from './task.js';

/**
 * The ECS service scheduler's arithmetic, pure: how many tasks a service may run during a deployment,
 * how many must stay healthy, and which tasks to stop.
 */

export interface DeploymentBounds {
  /** Tasks (old and new) that may run at once: maximumPercent of the desired count, rounded down. */
  readonly maxTotal: number;
  /** Healthy tasks that must stay: minimumHealthyPercent of the desired count, rounded up. */
  readonly minHealthy: number;
}

export const deploymentBounds = (
  desiredCount: number,
  minimumHealthyPercent: number,
  maximumPercent: number,
): DeploymentBounds => ({
  maxTotal: Math.max(desiredCount, Math.floor((desiredCount * maximumPercent) / 100)),
  minHealthy: Math.ceil((desiredCount * minimumHealthyPercent) / 100),
});

/** Which tasks a scheduler stops first: not healthy before healthy, then the newest. */
export const byStopPreference = (tasks: readonly SimTask[]): SimTask[] =>
  [...tasks].sort(
    (a, b) =>
      Number(isHealthyTask(a)) - Number(isHealthyTask(b)) ||
      (b.startedAt ?? b.createdAt) - (a.startedAt ?? a.createdAt),
  );

/** Current tasks beyond the desired count (a scale down), the least useful first. */
export const surplusTasks = (current: readonly SimTask[], desiredCount: number): SimTask[] =>
  byStopPreference(current).slice(0, Math.max(0, current.length - desiredCount));

/**
 * Old tasks (old revision, or on a draining host) that may stop now: any that is not healthy, and
 * healthy ones only while the service keeps `minHealthy` healthy tasks without them.
 */
export const oldTasksToStop = (
  active: readonly SimTask[],
  isCurrent: (task: SimTask) => boolean,
  minHealthy: number,
): SimTask[] => {
  let healthy = active.filter(isHealthyTask).length;
  return byStopPreference(active.filter((task) => !isCurrent(task))).filter((task) => {
    if (!isHealthyTask(task)) return true;
    if (healthy - 1 < minHealthy) return false;
    healthy -= 1;
    return true;
  });
};
