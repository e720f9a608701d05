import type { Failure, LocalTask } from '@statika/aws';
import type { Observation } from '@statika/core';
import test from 'ava';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { map, of } from 'rxjs';
import { localForwarding } from '../../src/pipeline/local-forwarding.js';
import type { Ports } from '../../src/pipeline/ports.js';
import type { StopRequest } from '../../src/pipeline/stop-request.js';
import {
  awsError,
  fakePorts,
  fakeWorld,
  identity,
  loadBalancer,
  localTask,
  task,
  testDependencies,
} from './fixtures.js';
import { testScheduler } from './marbles.js';
import { filesLoaded, identified, line, stateAfter, tick } from './stage-fixtures.js';

/** `web` in node-port mode on 30080, served here by its task on 32768 (the controller's tests cover more). */
const services = JSON.stringify([
  {
    serviceName: 'web',
    family: 'web',
    exposedContainerName: 'app',
    loadBalancerName: 'web-lb',
    nodePort: 30080,
  },
]);
const observation: Observation = {
  host: { ...identity, status: 'ACTIVE' },
  tasks: [task('web', 32768)],
  loadBalancers: [loadBalancer('web-lb', 30080)],
  forwarding: [{ nodePort: 30080, hostPort: 32768 }],
};
const observed = { type: 'observed', at: 0, result: E.right(observation) } as const;

/** A local change after a reconcile that observed the service as above. */
const localChange = stateAfter([
  ...filesLoaded(services),
  identified,
  tick('startup'),
  observed,
  tick('local-change'),
]);

type Tasks = Either<Failure, readonly LocalTask[]>;

/** A task of `web` on this host as the ECS agent lists it, by the ARN ECS knows it by. */
const here = (hostPort: number): LocalTask => ({
  ...localTask('web', hostPort),
  arn: task('web', hostPort).taskArn,
});

const host = (localTasks: Ports['localTasks']): Ports => ({
  ...fakePorts(fakeWorld({ observation })),
  forwarding: {
    read: () => of(E.right([{ nodePort: 30080, hostPort: 32768 }])),
    replace: () => of(E.right(undefined)),
  },
  localTasks,
});

test('a change the last observation is enough for settles locally, with no AWS call', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    // a second task starts here: the rule stays on the first, AWS needs nothing
    const tasks = cold<Tasks>('5ms (a|)', { a: E.right([here(32768), here(32769)]) });
    const deps = testDependencies(
      host(() => tasks),
      scheduler,
    );
    expectObservable(localForwarding(localChange, deps).pipe(map(line))).toBe('5ms (ab|)', {
      a: 'local-plan local',
      b: 'settled',
    });
  });
});

test('a failed read of the local tasks is a value: the run goes on as a full reconcile', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const tasks = cold<Tasks>('(a|)', { a: E.left(awsError('ConnectionRefused', true)) });
    const deps = testDependencies(
      host(() => tasks),
      scheduler,
    );
    expectObservable(localForwarding(localChange, deps).pipe(map(line))).toBe('(a|)', {
      a: 'local-plan observe',
    });
  });
});

test('the stop abandons the local reads in flight (teardown)', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
    const tasks = cold<Tasks>('10ms (a|)', { a: E.right([here(32768)]) });
    const stop$ = hot<StopRequest>('5ms s', { s: { deregister: false } });
    const deps = testDependencies(
      host(() => tasks),
      scheduler,
      { stop$ },
    );
    expectObservable(localForwarding(localChange, deps)).toBe('5ms |');
    expectSubscriptions(tasks.subscriptions).toBe('^ 4ms !');
  });
});
