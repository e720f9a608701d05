import type { Task } from './observation.js';
import { serviceGroup } from './service-tasks.js';
import type { ServiceSpec } from './services.js';

/** The observed tasks indexed once by family and by group, so planning many services stays linear. */
export interface TaskIndex {
  readonly byFamily: ReadonlyMap<string, readonly Task[]>;
  readonly byGroup: ReadonlyMap<string, readonly Task[]>;
}

const push = (index: Map<string, Task[]>, key: string, task: Task) => {
  const tasks = index.get(key);
  if (tasks === undefined) index.set(key, [task]);
  else tasks.push(task);
};

export const indexTasks = (tasks: readonly Task[]): TaskIndex => {
  const byFamily = new Map<string, Task[]>();
  const byGroup = new Map<string, Task[]>();
  for (const task of tasks) {
    push(byFamily, task.family, task);
    if (task.group !== undefined) push(byGroup, task.group, task);
  }
  return { byFamily, byGroup };
};

/** The tasks of a service, as `belongsToService` defines them. */
export const tasksOfService = (index: TaskIndex, service: ServiceSpec): readonly Task[] =>
  (service.family !== undefined
    ? index.byFamily.get(service.family)
    : index.byGroup.get(serviceGroup(service.serviceName))) ?? [];
