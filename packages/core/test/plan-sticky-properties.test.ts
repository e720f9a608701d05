import test from 'ava';
import fc from 'fast-check';
import {
  type InstanceId,
  isCandidate,
  type LoadBalancer,
  plan,
  type ServiceSpec,
  samePorts,
  type Task,
  taskArn,
  taskPorts,
} from '../src/index.js';
import { HOSTS, observe, type Scenario, scenarioArb, shuffle } from './arbitraries.js';
import { HOST_A, NOW } from './builders.js';
import { afterRounds, applied, plansOfEveryHost } from './cluster-rounds.js';
import { forService, lbOf, tasksOf } from './scenario-queries.js';

const numRuns = 200;

/** The serving task of each service as every host sees it. */
const servingFromEveryHost = (scenario: Scenario) =>
  HOSTS.map((host) =>
    plan(scenario.spec, observe(scenario, host), NOW).services.map((s) => s.serving?.taskArn),
  );

/**
 * Rule 1's candidates that can take traffic, read from the tasks themselves: HEALTHY, or UNKNOWN when no
 * candidate of the service reports health (no health check).
 */
const takingTraffic = (scenario: Scenario, service: ServiceSpec): readonly Task[] => {
  const obs = observe(scenario, HOST_A);
  const candidates = tasksOf(scenario, service).filter((t) => isCandidate(t, service, obs));
  const hasHealthCheck = candidates.some((t) => t.healthStatus !== 'UNKNOWN');
  return candidates.filter(
    (t) => t.healthStatus === 'HEALTHY' || (!hasHealthCheck && t.healthStatus === 'UNKNOWN'),
  );
};

test('determinism: every host chooses the same serving task, whatever the order of the tasks', (t) => {
  fc.assert(
    fc.property(scenarioArb('newest-ready'), fc.nat(), (scenario, seed) => {
      const [first, ...others] = servingFromEveryHost(scenario);
      const reordered = servingFromEveryHost({ ...scenario, tasks: shuffle(scenario.tasks, seed) });
      return [...others, ...reordered].every((s) => JSON.stringify(s) === JSON.stringify(first));
    }),
    { numRuns },
  );
  t.pass();
});

test('no plan moves a service to another host while a registered host has a candidate that can take traffic', (t) => {
  fc.assert(
    fc.property(scenarioArb('newest-ready'), (scenario) => {
      const after = applied(scenario, plansOfEveryHost(scenario));
      return scenario.spec.services.every((service, i) => {
        const lb = lbOf(scenario, service);
        if (lb === undefined) return true;
        const serving: readonly InstanceId[] = takingTraffic(scenario, service)
          .map((task) => task.instanceId)
          .filter((id): id is InstanceId => id !== undefined && lb.instances.includes(id));
        if (serving.length === 0) return true;
        const chosen = plan(scenario.spec, observe(scenario, HOST_A), NOW).services[i]?.serving;
        const chosenTask = scenario.tasks.find((task) => task.taskArn === chosen?.taskArn);
        const stillRegistered = lbOf(after, service)?.instances.some((id) => serving.includes(id)) ?? false;
        // The serving task can take traffic on a serving host, or is a static-port peer of one that can.
        const peers = takingTraffic(scenario, service).filter(
          (task) => task.instanceId !== undefined && serving.includes(task.instanceId),
        );
        const chosenPorts = chosenTask && taskPorts(chosenTask, service);
        const onServingHost = peers.some((task) => {
          const ports = taskPorts(task, service);
          return ports !== undefined && chosenPorts !== undefined && samePorts(ports, chosenPorts);
        });
        return stillRegistered && onServingHost;
      });
    }),
    { numRuns },
  );
  t.pass();
});

/** New tasks of a service, bound to ports no task of the generated clusters uses, anywhere, ready or not. */
const newTasksArb = (service: ServiceSpec): fc.Arbitrary<readonly Task[]> =>
  fc
    .array(
      fc.record({
        host: fc.constantFrom(...HOSTS),
        healthStatus: fc.constantFrom('HEALTHY', 'UNHEALTHY', 'UNKNOWN') as fc.Arbitrary<
          Task['healthStatus']
        >,
        startedAt: fc.constantFrom(NOW - 60_000, NOW - 3_000, NOW),
        port: fc.constantFrom(40000, 40002, 40004),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((news) =>
      news.map(
        (o, k): Task => ({
          taskArn: taskArn(`arn:task/new-${k}`),
          family: service.family ?? 'shared-family',
          ...(service.family === undefined ? { group: `service:${service.serviceName}` } : {}),
          containerInstanceArn: o.host.containerInstanceArn,
          instanceId: o.host.instanceId,
          lastStatus: 'RUNNING',
          desiredStatus: 'RUNNING',
          healthStatus: o.healthStatus,
          startedAt: o.startedAt,
          containers: [
            {
              name: service.exposedContainerName,
              networkBindings: [
                { containerPort: 8080, hostPort: o.port, protocol: 'tcp' },
                { containerPort: 9090, hostPort: o.port + 1, protocol: 'tcp' },
              ],
            },
          ],
        }),
      ),
    );

const hasManagedListener = (lb: LoadBalancer, service: ServiceSpec): boolean =>
  lb.listeners.some(
    (l) =>
      service.listeners === undefined ||
      service.listeners.some((m) => m.loadBalancerPort === l.loadBalancerPort),
  );

test('while the incumbent stays a ready candidate, no host changes a listener, the health check or a registration', (t) => {
  const arb = scenarioArb('newest-ready')
    .map((scenario) => afterRounds(scenario, 3))
    .chain((converged) =>
      fc.tuple(fc.constant(converged), fc.nat({ max: 2 })).chain(([c, i]) => {
        const service = c.spec.services[i % c.spec.services.length] as ServiceSpec;
        return fc.tuple(fc.constant(c), fc.constant(service), newTasksArb(service));
      }),
    );
  let checked = 0;
  fc.assert(
    fc.property(arb, ([converged, service, news]) => {
      const lb = lbOf(converged, service);
      const index = converged.spec.services.indexOf(service);
      const serving = plan(converged.spec, observe(converged, HOST_A), NOW).services[index]?.serving;
      fc.pre(plansOfEveryHost(converged).length === 0);
      fc.pre(lb !== undefined && hasManagedListener(lb, service) && serving?.ready === true);
      checked++;
      const deployed = { ...converged, tasks: [...converged.tasks, ...news] };
      // A new task that reports health turns an incumbent's UNKNOWN from "no health check" into "pending".
      fc.pre(takingTraffic(deployed, service).some((task) => task.taskArn === serving?.taskArn));
      return forService(plansOfEveryHost(deployed), service).length === 0;
    }),
    { numRuns },
  );
  t.log(`${checked} converged clusters with an incumbent checked`);
  t.true(checked > 0);
});

/** Clusters where many tasks bind static host ports (host port = container port) on several hosts. */
const staticPortsArb = scenarioArb('newest-ready').chain((scenario) =>
  fc
    .array(fc.boolean(), { minLength: scenario.tasks.length, maxLength: scenario.tasks.length })
    .map((statics) => ({
      ...scenario,
      tasks: scenario.tasks.map((task, i) =>
        statics[i]
          ? {
              ...task,
              containers: task.containers.map((c) => ({
                ...c,
                networkBindings: c.networkBindings.map((b) => ({ ...b, hostPort: b.containerPort })),
              })),
            }
          : task,
      ),
    })),
);

test('idempotence with static ports on several hosts: a plan applied to its observation leaves nothing to do', (t) => {
  fc.assert(
    fc.property(staticPortsArb, fc.constantFrom(...HOSTS), (scenario, host) => {
      const first = plan(scenario.spec, observe(scenario, host), NOW);
      const second = plan(scenario.spec, observe(applied(scenario, first.actions), host), NOW);
      return second.actions.length === 0;
    }),
    { numRuns },
  );
  t.pass();
});

test('hosts planning and applying in turn converge within two rounds, static ports included', (t) => {
  fc.assert(
    fc.property(
      fc.oneof(scenarioArb('newest-ready'), staticPortsArb),
      (scenario) => plansOfEveryHost(afterRounds(scenario, 2)).length === 0,
    ),
    { numRuns },
  );
  t.pass();
});
