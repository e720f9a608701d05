import { type Action, applyActions, type LoadBalancer, plan } from '../src/index.js';
import { HOSTS, observe, type Scenario } from './arbitraries.js';
import { HOST_A, NOW } from './builders.js';

/** Every host plans from the current state and applies its plan, in host order. */
export const oneRound = (scenario: Scenario, now = NOW): Scenario => {
  let state = scenario;
  for (const host of HOSTS) state = applied(state, plan(state.spec, observe(state, host), now).actions);
  return state;
};

/** The cluster after `rounds` rounds of every host planning and applying in turn. */
export const afterRounds = (scenario: Scenario, rounds: number, now = NOW): Scenario => {
  let state = scenario;
  for (let i = 0; i < rounds; i++) state = oneRound(state, now);
  return state;
};

/** The load balancers once `actions` are applied (what AWS would answer next). */
export const applied = (scenario: Scenario, actions: readonly Action[]): Scenario => {
  const loadBalancers: readonly LoadBalancer[] = applyActions(
    actions,
    observe(scenario, HOST_A),
  ).loadBalancers;
  return { ...scenario, loadBalancers };
};

/** Every host's plan, concatenated. */
export const plansOfEveryHost = (scenario: Scenario, now = NOW): readonly Action[] =>
  HOSTS.flatMap((host) => plan(scenario.spec, observe(scenario, host), now).actions);
