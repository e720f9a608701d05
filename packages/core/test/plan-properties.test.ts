import { isDeepStrictEqual } from 'node:util';
import test from 'ava';
import fc from 'fast-check';
import { type Action, applyActions, plan } from '../src/index.js';
import { HOSTS, observe, scenarioArb, shuffle } from './arbitraries.js';
import { NOW } from './builders.js';

const numRuns = 200;

test('a plan applied to its observation leaves nothing to do', (t) => {
  fc.assert(
    fc.property(scenarioArb(), fc.constantFrom(...HOSTS), (scenario, host) => {
      const observation = observe(scenario, host);
      const first = plan(scenario.spec, observation, NOW);
      const second = plan(scenario.spec, applyActions(first.actions, observation), NOW);
      return second.actions.length === 0;
    }),
    { numRuns },
  );
  t.pass();
});

/** What a plan rewrites that only one host may rewrite: listener ports and health checks, by load balancer. */
const rewrites = (actions: readonly Action[]): string[] =>
  actions.flatMap((a) => {
    switch (a.type) {
      case 'replaceListeners':
        return a.create.map((l) => `${a.loadBalancerName}:listener:${l.loadBalancerPort}`);
      case 'configureHealthCheck':
        return [`${a.loadBalancerName}:health-check`];
      default:
        return [];
    }
  });

// Policy `single` is Statika 0.1's rule for single-host clusters: each host acts on its own tasks, so
// two hosts may both rewrite a listener. The property holds for the default policy, newest-ready.
test('two hosts observing the same cluster never both rewrite the same listener or health check', (t) => {
  fc.assert(
    fc.property(scenarioArb('newest-ready'), (scenario) => {
      const seen = new Set<string>();
      for (const host of HOSTS) {
        for (const rewrite of rewrites(plan(scenario.spec, observe(scenario, host), NOW).actions)) {
          if (seen.has(rewrite)) return false;
          seen.add(rewrite);
        }
      }
      return true;
    }),
    { numRuns },
  );
  t.pass();
});

test('every listener a plan deletes is recreated in the same action', (t) => {
  fc.assert(
    fc.property(scenarioArb(), fc.constantFrom(...HOSTS), (scenario, host) =>
      plan(scenario.spec, observe(scenario, host), NOW).actions.every(
        (a) =>
          a.type !== 'replaceListeners' ||
          (a.remove.length > 0 &&
            JSON.stringify(a.remove.map((l) => l.loadBalancerPort)) ===
              JSON.stringify(a.create.map((l) => l.loadBalancerPort))),
      ),
    ),
    { numRuns },
  );
  t.pass();
});

test('the plan does not depend on the order of tasks and load balancers in the observation', (t) => {
  fc.assert(
    fc.property(scenarioArb(), fc.constantFrom(...HOSTS), fc.nat(), (scenario, host, seed) => {
      const observation = observe(scenario, host);
      const reordered = {
        ...observation,
        tasks: shuffle(observation.tasks, seed),
        loadBalancers: shuffle(observation.loadBalancers, seed + 1),
      };
      return isDeepStrictEqual(plan(scenario.spec, reordered, NOW), plan(scenario.spec, observation, NOW));
    }),
    { numRuns },
  );
  t.pass();
});

test('a plan only rewrites the listeners a service names, on its own load balancer', (t) => {
  fc.assert(
    fc.property(scenarioArb(), fc.constantFrom(...HOSTS), (scenario, host) =>
      plan(scenario.spec, observe(scenario, host), NOW).actions.every((a) => {
        const service = scenario.spec.services.find((s) => s.serviceName === a.serviceName);
        if (service === undefined || service.loadBalancerName !== a.loadBalancerName) return false;
        if (a.type !== 'replaceListeners' || service.listeners === undefined) return true;
        const named = new Set<number>(service.listeners.map((l) => l.loadBalancerPort));
        return a.remove.every((l) => named.has(l.loadBalancerPort));
      }),
    ),
    { numRuns },
  );
  t.pass();
});
