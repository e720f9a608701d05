import { belongsToService } from '@statika/core';
import { type ControllerState, specOf } from './controller-state.js';

/**
 * The task families the local watch looks at: those the services file names, and for services without a
 * family (matched by ECS service group, which the introspection API does not show) the families their
 * tasks had in the last observation.
 */
export const watchedFamilies = (state: ControllerState): ReadonlySet<string> => {
  const spec = specOf(state);
  if (spec === undefined) return new Set();
  const tasks = state.observation?.tasks ?? [];
  return new Set(
    spec.services.flatMap((service) =>
      service.family !== undefined
        ? [service.family]
        : tasks.filter((task) => belongsToService(service, task)).map((task) => task.family),
    ),
  );
};
