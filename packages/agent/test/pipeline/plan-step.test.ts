import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { map } from 'rxjs';
import { planStep } from '../../src/pipeline/plan-step.js';
import { fakePorts, fakeWorld, staleObservation, testDependencies } from './fixtures.js';
import { testScheduler } from './marbles.js';
import { backingOffUntil, line, readyState } from './stage-fixtures.js';

/**
 * The plan is pure (core) and reads no port: no read to fail or to abandon. What the stage adds is when
 * it plans and what it clears.
 */

const observed = (observation = staleObservation()) =>
  ({ type: 'observed', at: 0, result: E.right(observation) }) as const;

test("plans on this reconcile's observation; a service with nothing to do is past its backoff", (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ expectObservable }) => {
    const deps = testDependencies(fakePorts(fakeWorld()), scheduler);
    // `api` has nothing to do once its load balancer is on its port; `web` still has.
    const o = staleObservation();
    const observation = {
      ...o,
      loadBalancers: o.loadBalancers.map((lb) =>
        lb.name === 'api-lb'
          ? {
              ...lb,
              listeners: lb.listeners.map((l) => ({ ...l, instancePort: 32769 })),
              healthCheck: { ...lb.healthCheck, target: 'TCP:32769' },
            }
          : lb,
      ),
    };
    const state = readyState('retry', [
      backingOffUntil('service:web', 60_000),
      backingOffUntil('service:api', 60_000),
      observed(observation),
    ]);
    expectObservable(planStep(state, deps).pipe(map(line))).toBe('(ab|)', {
      a: 'planned',
      b: 'backoff service:api reset',
    });
  });
});

test('plans nothing without an observation in this reconcile', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ expectObservable }) => {
    const deps = testDependencies(fakePorts(fakeWorld()), scheduler);
    expectObservable(planStep(readyState('resync'), deps)).toBe('|');
  });
});
