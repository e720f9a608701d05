import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { firstValueFrom } from 'rxjs';
import { readTimeoutsMs, toPorts } from '../../src/pipeline/promise-ports.js';
import { testConfiguration } from '../helpers/configuration.js';
import { fakeWorld, identity } from './fixtures.js';
import { testScheduler } from './marbles.js';
import { fakeDependencies } from './promise-fakes.js';

test('a rejected promise becomes an unexpected failure value', async (t) => {
  const ports = toPorts(
    fakeDependencies(fakeWorld(), { identity: () => Promise.reject(new Error('socket hang up')) }),
  );
  const result = await firstValueFrom(ports.identity('c'));
  t.like(result, { left: { type: 'unexpected', code: 'Unexpected' } });
  t.true(E.isLeft(result) && result.left.message === 'socket hang up');
});

test('a read that never answers becomes a transient Timeout on the scheduler', (t) => {
  const scheduler = testScheduler(t);
  const ports = toPorts(
    fakeDependencies(fakeWorld(), {
      scheduler,
      observer: {
        observe: () => new Promise(() => {}),
        describeLoadBalancers: () => new Promise(() => {}),
        describeTasks: () => new Promise(() => {}),
      },
    }),
  );
  scheduler.run(({ expectObservable }) => {
    const observed = ports.observe(
      {
        configuration: testConfiguration({
          cluster: 'c',
          sleepTimeSeconds: 1,
          settleTimeSeconds: 0,
          taskSelection: 'newest-ready',
          deregisterOnExit: false,
          fleetEcsReadsPerSecond: 8,
          fleetElbReadsPerSecond: 4,
        }),
        services: [],
      },
      identity,
    );
    expectObservable(observed).toBe(`${readTimeoutsMs.observe}ms (x|)`, {
      x: E.left({
        type: 'transient',
        service: 'ecs',
        operation: 'Observe',
        resource: 'c',
        code: 'Timeout',
        message: `no answer within ${readTimeoutsMs.observe} ms`,
      }),
    });
  });
});

test('each subscription is one call: the ports are cold', async (t) => {
  const world = fakeWorld();
  const ports = toPorts(fakeDependencies(world));
  const read = ports.configuration.read();
  t.deepEqual(world.calls, []);
  await firstValueFrom(read);
  const observe = ports.observe(
    {
      configuration: testConfiguration({
        cluster: 'c',
        sleepTimeSeconds: 1,
        settleTimeSeconds: 0,
        taskSelection: 'newest-ready',
        deregisterOnExit: false,
        fleetEcsReadsPerSecond: 8,
        fleetElbReadsPerSecond: 4,
      }),
      services: [],
    },
    identity,
  );
  await firstValueFrom(observe);
  await firstValueFrom(observe);
  t.deepEqual(world.calls, ['observe', 'observe']);
});
