import type { Observation, Task } from './observation.js';
import { serviceGroup } from './service-tasks.js';
import type { Spec } from './spec.js';

/**
 * This host's tasks the local plan cannot judge: desired RUNNING, of a node-port service (or possibly
 * one: a task the last observation has not seen has no group yet), and not known HEALTHY with a start
 * time. ECS's DescribeTasks on just these is enough to re-plan a deploy without a full observation.
 */
export const tasksToDescribe = (spec: Spec, observation: Observation): readonly Task['taskArn'][] => {
  const here = observation.host.containerInstanceArn;
  const nodePortServices = spec.services.filter((s) => s.nodePort !== undefined);
  const mayBeNodePort = (task: Task) =>
    nodePortServices.some((s) =>
      s.family !== undefined
        ? task.family === s.family
        : task.group === undefined || task.group === serviceGroup(s.serviceName),
    );
  return observation.tasks
    .filter(
      (t) =>
        t.containerInstanceArn === here &&
        t.desiredStatus === 'RUNNING' &&
        (t.healthStatus !== 'HEALTHY' || t.startedAt === undefined) &&
        mayBeNodePort(t),
    )
    .map((t) => t.taskArn);
};

/**
 * The local observation with what ECS's DescribeTasks said of some of this host's tasks: each such task
 * takes ECS's health (the task's and its containers'), and its start time and group when ECS gives
 * them; it keeps the host's statuses and bindings (the host's own view, as fresh). Tasks ECS did not
 * describe, and other hosts' tasks, stay as they were.
 */
export const withDescribedTasks = (observation: Observation, described: readonly Task[]): Observation => {
  const here = observation.host.containerInstanceArn;
  const byArn = new Map(described.map((t) => [t.taskArn, t]));
  return {
    ...observation,
    tasks: observation.tasks.map((task) => {
      const ecs = task.containerInstanceArn === here ? byArn.get(task.taskArn) : undefined;
      if (ecs === undefined) return task;
      const group = ecs.group ?? task.group;
      const startedAt = ecs.startedAt ?? task.startedAt;
      return {
        ...task,
        healthStatus: ecs.healthStatus,
        containers: task.containers.map(({ healthStatus: _stale, ...container }) => {
          const health = ecs.containers.find((e) => e.name === container.name)?.healthStatus;
          return health === undefined ? container : { ...container, healthStatus: health };
        }),
        ...(group !== undefined ? { group } : {}),
        ...(startedAt !== undefined ? { startedAt } : {}),
      };
    }),
  };
};
