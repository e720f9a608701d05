import type { Action, LoadBalancer, ServiceSpec, Task } from '../src/index.js';
import type { Scenario } from './arbitraries.js';

/** What the properties read of a generated scenario, per service. */

export const tasksOf = (scenario: Scenario, service: ServiceSpec): readonly Task[] =>
  scenario.tasks.filter((t) =>
    service.family === undefined ? t.group === `service:${service.serviceName}` : t.family === service.family,
  );

export const lbOf = (scenario: Scenario, service: ServiceSpec): LoadBalancer | undefined =>
  scenario.loadBalancers.find((lb) => lb.name === service.loadBalancerName);

export const forService = (actions: readonly Action[], service: ServiceSpec) =>
  actions.filter((a) => a.serviceName === service.serviceName);
