import type { Container, Observation, Task } from './observation.js';

/**
 * One of this host's tasks as the host itself reports it (the ECS agent's introspection API): statuses
 * and port bindings, but neither health nor start time, which only ECS's API has.
 */
export interface HostTask {
  readonly taskArn: Task['taskArn'];
  readonly family: string;
  readonly lastStatus: string;
  readonly desiredStatus: string;
  readonly containers: readonly Container[];
}

/**
 * The last observation brought up to date with this host's own view of its tasks, for a re-plan that
 * needs no AWS call: this host's tasks become those the host reports, each keeping what the last
 * observation knew of it (health, start time, group) and taking the host's statuses and bindings; a task
 * the host no longer reports is gone. A task the last observation has not seen yet has UNKNOWN health
 * and no start time, so it is a candidate that is not ready. Other hosts' tasks are left as they were.
 */
export const withHostTasks = (observation: Observation, hostTasks: readonly HostTask[]): Observation => {
  const { containerInstanceArn, instanceId } = observation.host;
  const known = new Map(
    observation.tasks
      .filter((t) => t.containerInstanceArn === containerInstanceArn)
      .map((t) => [t.taskArn, t]),
  );
  const here = hostTasks.map((h): Task => {
    const before = known.get(h.taskArn);
    const update = {
      lastStatus: h.lastStatus,
      desiredStatus: h.desiredStatus,
      containers: h.containers.map((c) => ({ ...c, networkBindings: [...c.networkBindings] })),
    };
    return before !== undefined
      ? { ...before, ...update }
      : {
          taskArn: h.taskArn,
          family: h.family,
          containerInstanceArn,
          instanceId,
          healthStatus: 'UNKNOWN',
          ...update,
        };
  });
  return {
    ...observation,
    tasks: [...observation.tasks.filter((t) => t.containerInstanceArn !== containerInstanceArn), ...here],
  };
};
