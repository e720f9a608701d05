import test from 'ava';
import { plan } from '../src/index.js';
import { deregister, HOST_A, HOST_B, NOW, observation, spec, stateOf, task } from './builders.js';
import { moveTo, old, SECOND } from './plan-fixtures.js';

test('rolling deploy on one host: keeps traffic on the old task while the new one settles', (t) => {
  const fresh = task({ arn: 'task/new', ports: 32769, startedAt: NOW - 2 * SECOND });
  const result = plan(spec(), observation({ tasks: [old, fresh] }), NOW);
  t.deepEqual(result.actions, []);
  t.is(result.services[0]?.serving?.taskArn, old.taskArn);
});

test('rolling deploy on one host: the ready incumbent keeps serving though a newer task has settled', (t) => {
  const fresh = task({ arn: 'task/new', ports: 32769, startedAt: NOW - 60 * SECOND });
  const result = plan(spec(), observation({ tasks: [old, fresh] }), NOW);
  t.deepEqual(result.actions, []);
  t.is(result.services[0]?.serving?.taskArn, old.taskArn);
});

test('rolling deploy on one host: moves traffic to the new task once the incumbent is stopping', (t) => {
  const fresh = task({ arn: 'task/new', ports: 32769, startedAt: NOW - 6 * SECOND });
  const stopping = { ...old, desiredStatus: 'STOPPED' };
  const result = plan(spec(), observation({ tasks: [stopping, fresh] }), NOW);
  t.deepEqual(result.actions, moveTo(32769));
  t.deepEqual(stateOf(result.services[0]), {
    state: 'converging',
    serving: {
      taskArn: fresh.taskArn,
      instanceId: HOST_A.instanceId,
      hostPort: 32769,
      ready: true,
      onThisHost: true,
    },
  });
});

test('rolling deploy with a health check: waits while the new task is UNKNOWN (pending)', (t) => {
  const healthyOld = { ...old, healthStatus: 'HEALTHY' as const };
  const fresh = task({
    arn: 'task/new',
    ports: 32769,
    startedAt: NOW - 60 * SECOND,
    healthStatus: 'UNKNOWN',
  });
  t.deepEqual(plan(spec(), observation({ tasks: [healthyOld, fresh] }), NOW).actions, []);
});

test('rolling deploy with a health check: moves once the new task is HEALTHY and the incumbent stops', (t) => {
  const stopping = { ...old, healthStatus: 'HEALTHY' as const, desiredStatus: 'STOPPED' };
  const fresh = task({
    arn: 'task/new',
    ports: 32769,
    startedAt: NOW - 60 * SECOND,
    healthStatus: 'HEALTHY',
  });
  t.deepEqual(plan(spec(), observation({ tasks: [stopping, fresh] }), NOW).actions, moveTo(32769));
});

test('an incumbent that turns UNHEALTHY hands over to a healthy task on its host', (t) => {
  const failing = { ...old, healthStatus: 'UNHEALTHY' as const };
  const fresh = task({
    arn: 'task/new',
    ports: 32769,
    startedAt: NOW - 60 * SECOND,
    healthStatus: 'HEALTHY',
  });
  t.deepEqual(plan(spec(), observation({ tasks: [failing, fresh] }), NOW).actions, moveTo(32769));
});

test('an UNHEALTHY new task never takes traffic from a ready one', (t) => {
  const fresh = task({
    arn: 'task/new',
    ports: 32769,
    startedAt: NOW - 60 * SECOND,
    healthStatus: 'UNHEALTHY',
  });
  const healthyOld = { ...old, healthStatus: 'HEALTHY' as const };
  t.deepEqual(plan(spec(), observation({ tasks: [healthyOld, fresh] }), NOW).actions, []);
});

test('traffic leaves a task whose desiredStatus is STOPPED before it dies', (t) => {
  const stopping = { ...old, desiredStatus: 'STOPPED' };
  const fresh = task({ arn: 'task/new', ports: 32769, startedAt: NOW - 2 * SECOND });
  t.deepEqual(plan(spec(), observation({ tasks: [stopping, fresh] }), NOW).actions, moveTo(32769));
});

test('a task still PENDING is no candidate', (t) => {
  const pending = task({ lastStatus: 'PENDING' });
  const result = plan(spec(), observation({ tasks: [pending] }), NOW);
  t.deepEqual(result.actions, [deregister()]);
  t.is(result.services[0]?.state, 'converging');
});

test('equal start times are broken by task ARN, the same on every host', (t) => {
  const a = task({ arn: 'task/a', ports: 32768 });
  const b = task({ arn: 'task/b', ports: 32769, host: HOST_B });
  t.is(plan(spec(), observation({ tasks: [b, a] }), NOW).services[0]?.serving?.taskArn, a.taskArn);
  t.is(
    plan(spec(), observation({ tasks: [a, b], on: HOST_B }), NOW).services[0]?.serving?.taskArn,
    a.taskArn,
  );
});
