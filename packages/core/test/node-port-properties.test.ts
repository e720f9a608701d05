import { isDeepStrictEqual } from 'node:util';
import test from 'ava';
import fc from 'fast-check';
import {
  type Action,
  applyActions,
  applyForwarding,
  desiredHealthCheck,
  diffListeners,
  type ForwardingRule,
  hostCandidates,
  indexTasks,
  type LoadBalancer,
  nodePortPorts,
  type Observation,
  plan,
  type ServiceSpec,
  type Task,
  tasksOfService,
} from '../src/index.js';
import { HOSTS, observe, type Scenario, scenarioArb, shuffle } from './arbitraries.js';
import type { HostRef } from './builders.js';
import { NOW } from './builders.js';

const numRuns = 200;
const NODE_PORTS = [30080, 30081, 30082] as const;

/** A scenario where some services (any subset, so files mixing both modes are common) use node-port mode. */
const nodePortScenarioArb: fc.Arbitrary<Scenario> = scenarioArb('newest-ready').chain((scenario) =>
  fc
    .array(fc.boolean(), {
      minLength: scenario.spec.services.length,
      maxLength: scenario.spec.services.length,
    })
    .map(
      (mask): Scenario => ({
        ...scenario,
        spec: {
          ...scenario.spec,
          services: scenario.spec.services.map((s, i) =>
            mask[i] ? { ...s, nodePort: NODE_PORTS[i] as never } : s,
          ),
        },
      }),
    ),
);

/** Whatever rules a host holds: of configured node ports or not, to any port. */
const rulesArb: fc.Arbitrary<readonly ForwardingRule[]> = fc.uniqueArray(
  fc.record({
    nodePort: fc.constantFrom(...NODE_PORTS, 31999),
    hostPort: fc.constantFrom(8080, 32768, 32769, 32770),
  }),
  { selector: (r) => r.nodePort, maxLength: 4 },
);

const withRules = (o: Observation, rules: readonly ForwardingRule[]): Observation => ({
  ...o,
  forwarding: [...rules],
});

test('node-port mode: a plan and its forwarding applied to the observation leave nothing to do', (t) => {
  fc.assert(
    fc.property(nodePortScenarioArb, fc.constantFrom(...HOSTS), rulesArb, (scenario, host, rules) => {
      const observation = withRules(observe(scenario, host), rules);
      const first = plan(scenario.spec, observation, NOW);
      const after = applyForwarding(first.forwarding, applyActions(first.actions, observation));
      const second = plan(scenario.spec, after, NOW);
      return second.actions.length === 0 && second.forwarding.type === 'in-sync';
    }),
    { numRuns },
  );
  t.pass();
});

test('node-port mode: the plan does not depend on the order of tasks, load balancers and rules', (t) => {
  fc.assert(
    fc.property(
      nodePortScenarioArb,
      fc.constantFrom(...HOSTS),
      rulesArb,
      fc.nat(),
      (scenario, host, rules, seed) => {
        const observation = withRules(observe(scenario, host), rules);
        const reordered = {
          ...observation,
          tasks: shuffle(observation.tasks, seed),
          loadBalancers: shuffle(observation.loadBalancers, seed + 1),
          forwarding: shuffle(rules, seed + 2),
        };
        return isDeepStrictEqual(plan(scenario.spec, reordered, NOW), plan(scenario.spec, observation, NOW));
      },
    ),
    { numRuns },
  );
  t.pass();
});

/** Every host plans and applies, in turn, on the shared load balancers, until no host has anything to do. */
const converge = (
  scenario: Scenario,
): {
  readonly loadBalancers: readonly LoadBalancer[];
  readonly rules: Map<HostRef, readonly ForwardingRule[]>;
} => {
  let loadBalancers = scenario.loadBalancers;
  const rules = new Map<HostRef, readonly ForwardingRule[]>(HOSTS.map((h) => [h, []]));
  for (let round = 0; round < 6; round++) {
    let acted = false;
    for (const host of HOSTS) {
      const observation = withRules(observe({ ...scenario, loadBalancers }, host), rules.get(host) ?? []);
      const result = plan(scenario.spec, observation, NOW);
      const after = applyForwarding(result.forwarding, applyActions(result.actions, observation));
      acted ||= result.actions.length > 0 || result.forwarding.type === 'replace';
      loadBalancers = after.loadBalancers;
      rules.set(host, after.forwarding ?? []);
    }
    if (!acted) return { loadBalancers, rules };
  }
  throw new Error('the hosts did not converge in 6 rounds');
};

/** This host's candidates for a service, ranked against the load balancer as the host observes it. */
const candidatesHere = (
  scenario: Scenario,
  service: ServiceSpec,
  tasks: ReturnType<typeof indexTasks>,
  observation: Observation,
) =>
  hostCandidates(
    service,
    tasksOfService(tasks, service),
    observation,
    scenario.spec.configuration.settleTimeSeconds,
    NOW,
    observation.loadBalancers.find((lb) => lb.name === service.loadBalancerName),
  );

const nodePortServices = (scenario: Scenario) =>
  scenario.spec.services.filter((s) => s.nodePort !== undefined);

test('node-port mode: once converged, every host with a candidate that can take traffic is registered', (t) => {
  fc.assert(
    fc.property(nodePortScenarioArb, (scenario) => {
      const { loadBalancers, rules } = converge(scenario);
      const tasks = indexTasks(scenario.tasks);
      return nodePortServices(scenario).every((service) => {
        const lb = loadBalancers.find((l) => l.name === service.loadBalancerName);
        if (lb === undefined) return true;
        return HOSTS.every((host) => {
          const observation = withRules(observe({ ...scenario, loadBalancers }, host), rules.get(host) ?? []);
          const here = candidatesHere(scenario, service, tasks, observation);
          const draining = observation.host.status === 'DRAINING';
          const able = !draining && here.some((c) => c.canTakeTraffic);
          return lb.instances.includes(host.instanceId) === able;
        });
      });
    }),
    { numRuns },
  );
  t.pass();
});

const pointsAtNodePort = (service: ServiceSpec, lb: LoadBalancer): boolean =>
  service.nodePort !== undefined &&
  diffListeners(lb, nodePortPorts(service, service.nodePort)).remove.length === 0 &&
  desiredHealthCheck(lb.healthCheck, service.nodePort).type !== 'retarget';

const isListenerOrHealthCheck = (a: Action): boolean =>
  a.type === 'replaceListeners' || a.type === 'configureHealthCheck' || a.type === 'setBackendServerPolicies';

/** A deploy: some tasks stop (desiredStatus STOPPED), new ones start anywhere, others go away. */
const deployArb = (scenario: Scenario): fc.Arbitrary<readonly Task[]> =>
  fc
    .record({
      stopping: fc.subarray(scenario.tasks.map((task) => task.taskArn)),
      gone: fc.subarray(scenario.tasks.map((task) => task.taskArn)),
      newcomers: scenarioArb('newest-ready').map((other) =>
        other.tasks.map((task) => ({ ...task, taskArn: `${task.taskArn}-new` as Task['taskArn'] })),
      ),
    })
    .map(({ stopping, gone, newcomers }) => [
      ...scenario.tasks
        .filter((task) => !gone.includes(task.taskArn))
        .map((task) => (stopping.includes(task.taskArn) ? { ...task, desiredStatus: 'STOPPED' } : task)),
      ...newcomers,
    ]);

test('node-port mode: once the listeners are at the node port, no deploy changes a listener or health check', (t) => {
  fc.assert(
    fc.property(
      nodePortScenarioArb.chain((scenario) => fc.tuple(fc.constant(scenario), deployArb(scenario))),
      ([scenario, deployed]) => {
        const { loadBalancers, rules } = converge(scenario);
        // Until some candidate has existed, nobody has pointed the load balancer at the node port yet.
        const atNodePort = nodePortServices(scenario).every((service) => {
          const lb = loadBalancers.find((l) => l.name === service.loadBalancerName);
          return lb === undefined || pointsAtNodePort(service, lb);
        });
        fc.pre(atNodePort);
        const names = new Set<string>(nodePortServices(scenario).map((s) => s.serviceName));
        return HOSTS.every((host) => {
          const observation = withRules(
            observe({ ...scenario, tasks: deployed, loadBalancers }, host),
            rules.get(host) ?? [],
          );
          return plan(scenario.spec, observation, NOW).actions.every(
            (a) => !names.has(a.serviceName) || !isListenerOrHealthCheck(a),
          );
        });
      },
    ),
    { numRuns },
  );
  t.pass();
});

test('node-port mode: a host that can take traffic before and after a deploy makes no AWS call for it', (t) => {
  fc.assert(
    fc.property(
      nodePortScenarioArb.chain((scenario) => fc.tuple(fc.constant(scenario), deployArb(scenario))),
      ([scenario, deployed]) => {
        const { loadBalancers, rules } = converge(scenario);
        const after = { ...scenario, tasks: deployed, loadBalancers };
        return nodePortServices(scenario).every((service) =>
          HOSTS.every((host) => {
            const observation = withRules(observe(after, host), rules.get(host) ?? []);
            const lb = loadBalancers.find((l) => l.name === service.loadBalancerName);
            const atNodePort =
              lb !== undefined &&
              diffListeners(lb, nodePortPorts(service, service.nodePort as number)).remove.length === 0;
            const here = candidatesHere(scenario, service, indexTasks(deployed), observation);
            const stays =
              atNodePort &&
              lb.instances.includes(host.instanceId) &&
              observation.host.status !== 'DRAINING' &&
              here.some((c) => c.canTakeTraffic);
            const actions = plan(scenario.spec, observation, NOW).actions.filter(
              (a) => a.serviceName === service.serviceName,
            );
            return !stays || actions.length === 0;
          }),
        );
      },
    ),
    { numRuns },
  );
  t.pass();
});

test('node-port mode: each host forwards a node port to one of its own candidates when it has one', (t) => {
  fc.assert(
    fc.property(nodePortScenarioArb, fc.constantFrom(...HOSTS), rulesArb, (scenario, host, rules) => {
      const observation = withRules(observe(scenario, host), rules);
      const result = plan(scenario.spec, observation, NOW);
      const wanted = result.forwarding.type === 'replace' ? result.forwarding.after : rules;
      const tasks = indexTasks(scenario.tasks);
      return nodePortServices(scenario).every((service) => {
        const here = candidatesHere(scenario, service, tasks, observation);
        const rule = wanted.find((r) => r.nodePort === service.nodePort);
        return here.length === 0 || here.some((c) => c.ports.hostPort === rule?.hostPort);
      });
    }),
    { numRuns },
  );
  t.pass();
});
