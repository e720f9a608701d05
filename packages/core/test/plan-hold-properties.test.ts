import test from 'ava';
import fc from 'fast-check';
import { plan, type ServiceSpec, type Task, taskArn } from '../src/index.js';
import { HOSTS, observe, type Scenario, scenarioArb } from './arbitraries.js';
import { NOW } from './builders.js';
import { forService, lbOf, tasksOf } from './scenario-queries.js';

const numRuns = 200;

/**
 * The moment a held move is for: ECS has stopped every task of a service on its registered hosts, one of
 * them runs a new task still starting (PENDING, or RUNNING and not yet healthy), and another host has a
 * HEALTHY one (so the service has a health check).
 */
const heldMoveArb = scenarioArb('newest-ready').chain((scenario) =>
  fc
    .record({
      i: fc.nat({ max: scenario.spec.services.length - 1 }),
      serving: fc.constantFrom(...HOSTS),
      other: fc.constantFrom(...HOSTS),
      lastStatus: fc.constantFrom('PENDING', 'RUNNING'),
      age: fc.constantFrom(0, 3_000, 20_000, 59_000, 61_000, 90_000),
    })
    .filter((o) => o.serving !== o.other)
    .map((o): Scenario => {
      const service = scenario.spec.services[o.i] as ServiceSpec;
      const lb = lbOf(scenario, service);
      const registered = [o.serving.instanceId];
      const ofService = new Set(tasksOf(scenario, service).map((task) => task.taskArn));
      const fresh = (host: (typeof HOSTS)[number], arn: string, extra: Partial<Task>): Task => ({
        ...(newTaskOn(service, host, arn) as Task),
        ...extra,
      });
      return {
        ...scenario,
        tasks: [
          ...scenario.tasks.map((task) =>
            ofService.has(task.taskArn) && task.instanceId === o.serving.instanceId
              ? { ...task, desiredStatus: 'STOPPED' }
              : task,
          ),
          fresh(o.serving, 'arn:task/starting', {
            lastStatus: o.lastStatus,
            healthStatus: 'UNKNOWN',
            ...(o.lastStatus === 'RUNNING' ? { startedAt: NOW - o.age } : { createdAt: NOW - o.age }),
          }),
          fresh(o.other, 'arn:task/healthy', { healthStatus: 'HEALTHY', startedAt: NOW - 10_000 }),
        ],
        loadBalancers: scenario.loadBalancers.map((l) => (l === lb ? { ...l, instances: registered } : l)),
      };
    }),
);

/** A task of `service` on `host`, RUNNING, bound on ports no generated task uses. */
const newTaskOn = (service: ServiceSpec, host: (typeof HOSTS)[number], arn: string): Task => ({
  taskArn: taskArn(arn),
  family: service.family ?? 'shared-family',
  ...(service.family === undefined ? { group: `service:${service.serviceName}` } : {}),
  containerInstanceArn: host.containerInstanceArn,
  instanceId: host.instanceId,
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
  healthStatus: 'UNKNOWN',
  containers: [
    {
      name: service.exposedContainerName,
      networkBindings: [
        { containerPort: 8080, hostPort: arn.endsWith('starting') ? 41000 : 42000, protocol: 'tcp' },
        { containerPort: 9090, hostPort: arn.endsWith('starting') ? 41001 : 42001, protocol: 'tcp' },
      ],
    },
  ],
});

test('while a move is held, every host reports the same hold and none but a DRAINING one changes the service', (t) => {
  let held = 0;
  fc.assert(
    fc.property(fc.oneof(scenarioArb('newest-ready'), heldMoveArb), (scenario) =>
      scenario.spec.services.every((service, i) => {
        const plans = HOSTS.map((host) => plan(scenario.spec, observe(scenario, host), NOW));
        const holds = plans.map((p) => p.services[i]?.reason).filter((r) => r?.type === 'holding');
        if (holds.length === 0) return true;
        held++;
        const active = plans.filter((p) => p.services[i]?.reason.type !== 'draining');
        return (
          active.every((p) => JSON.stringify(p.services[i]?.reason) === JSON.stringify(holds[0])) &&
          active.every((p) => forService(p.actions, service).length === 0)
        );
      }),
    ),
    { numRuns },
  );
  t.log(`${held} held services checked`);
  t.true(held > numRuns / 10);
});

test('a move is held only for a task started less than HealthyThreshold x Interval (at most a minute) ago', (t) => {
  fc.assert(
    fc.property(heldMoveArb, (scenario) =>
      HOSTS.every((host) =>
        plan(scenario.spec, observe(scenario, host), NOW).services.every((s) => {
          if (s.reason.type !== 'holding') return true;
          const task = scenario.tasks.find((x) => x.taskArn === (s.reason as { taskArn: string }).taskArn);
          const since = task?.startedAt ?? task?.createdAt;
          return since !== undefined && s.reason.until > NOW && s.reason.until - since <= 60_000;
        }),
      ),
    ),
    { numRuns },
  );
  t.pass();
});
