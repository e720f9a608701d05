import type { Task } from './observation.js';
import type { ServiceSpec } from './services.js';

/** ECS puts the tasks a service starts in the group `service:<serviceName>`. */
export const serviceGroup = (serviceName: string): string => `service:${serviceName}`;

/**
 * The tasks of a service: those of its `family` when given (Statika 0.1), else those of its ECS service
 * group (Statika-Docker's format, where `family` is absent).
 */
export const belongsToService = (service: ServiceSpec, task: Pick<Task, 'family' | 'group'>): boolean =>
  service.family !== undefined
    ? task.family === service.family
    : task.group === serviceGroup(service.serviceName);
