import test from 'ava';
import { plan } from '../src/index.js';
import {
  configureHealthCheck,
  deregister,
  HOST_A,
  HOST_B,
  healthCheck,
  listener,
  loadBalancer,
  NOW,
  observation,
  register,
  replaceListeners,
  spec,
  task,
} from './builders.js';

const SECOND = 1000;
const moveTo = (port: number, host = HOST_A) => [
  configureHealthCheck(healthCheck(), healthCheck(`HTTP:${port}/health`)),
  replaceListeners([listener()], [listener({ instancePort: port })], 'web-lb', host),
];
const healthy = { healthStatus: 'HEALTHY' as const };
const oldA = { ...task({ arn: 'task/old-a', ports: 32768, startedAt: NOW - 3600 * SECOND }), ...healthy };
const oldB = {
  ...task({ arn: 'task/old-b', host: HOST_B, ports: 33000, startedAt: NOW - 3600 * SECOND }),
  ...healthy,
};

test('a deploy on two hosts stays on the serving host, though the other host runs the newest task', (t) => {
  // ECS stops the old task as soon as the new ones are HEALTHY, before they have settled (5 s).
  const newA = { ...task({ arn: 'task/new-a', ports: 32769, startedAt: NOW - 3 * SECOND }), ...healthy };
  const newB = {
    ...task({ arn: 'task/new-b', host: HOST_B, ports: 33001, startedAt: NOW - 2 * SECOND }),
    ...healthy,
  };
  const tasks = [{ ...oldA, desiredStatus: 'STOPPED' }, oldB, newA, newB];
  const onA = plan(spec(), observation({ tasks }), NOW);
  t.deepEqual(onA.actions, moveTo(32769));
  t.is(onA.services[0]?.serving?.taskArn, newA.taskArn);
  const onB = plan(spec(), observation({ tasks, on: HOST_B }), NOW);
  t.deepEqual(onB.actions, []);
  t.is(onB.services[0]?.serving?.taskArn, newA.taskArn);
});

test('while the incumbent is a ready candidate, a settled newer task on either host changes nothing', (t) => {
  const newA = { ...task({ arn: 'task/new-a', ports: 32769, startedAt: NOW - 60 * SECOND }), ...healthy };
  const newB = {
    ...task({ arn: 'task/new-b', host: HOST_B, ports: 33001, startedAt: NOW - 30 * SECOND }),
    ...healthy,
  };
  const tasks = [oldA, oldB, newA, newB];
  t.deepEqual(plan(spec(), observation({ tasks }), NOW).actions, []);
  t.deepEqual(plan(spec(), observation({ tasks, on: HOST_B }), NOW).actions, []);
});

test('the service leaves the serving host only when that host has no task that can take traffic', (t) => {
  // A's new task started longer ago than the hold allows (serving-host-hold.test.ts) and is still UNKNOWN.
  const pendingA = task({
    arn: 'task/new-a',
    ports: 32769,
    startedAt: NOW - 61 * SECOND,
    healthStatus: 'UNKNOWN',
  });
  const tasks = [{ ...oldA, desiredStatus: 'STOPPED' }, oldB, pendingA];
  t.deepEqual(plan(spec(), observation({ tasks }), NOW).actions, [deregister(HOST_A)]);
  t.deepEqual(plan(spec(), observation({ tasks, on: HOST_B }), NOW).actions, [
    register(HOST_B),
    ...moveTo(33000, HOST_B),
  ]);
});

test('a host with a static-port peer joins only when the next plan would have nothing more to do', (t) => {
  // B runs a ready peer of the serving task (port 8080) and a newer task on 32770. Registering B while the
  // listeners still forward to the old port 31000 would make that newer task the better one on a serving
  // host, and the next plan would undo the first: B waits until A has moved the load balancer.
  const onA = { ...task({ arn: 'task/a', ports: 8080, startedAt: NOW - 120 * SECOND }), ...healthy };
  const peer = { ...task({ arn: 'task/peer', host: HOST_B, ports: 8080 }), ...healthy };
  const newer = {
    ...task({ arn: 'task/newer', host: HOST_B, ports: 32770, startedAt: NOW - 60 * SECOND }),
    ...healthy,
  };
  const stale = loadBalancer({
    listeners: [listener({ instancePort: 31000 })],
    healthCheck: healthCheck('HTTP:31000/health'),
  });
  const tasks = [onA, peer, newer];
  const waiting = plan(spec(), observation({ tasks, loadBalancers: [stale], on: HOST_B }), NOW);
  t.deepEqual(waiting.actions, []);
  t.is(waiting.services[0]?.serving?.taskArn, onA.taskArn);
  const moved = loadBalancer({
    listeners: [listener({ instancePort: 8080 })],
    healthCheck: healthCheck('HTTP:8080/health'),
  });
  const joining = plan(spec(), observation({ tasks, loadBalancers: [moved], on: HOST_B }), NOW);
  t.deepEqual(joining.actions, [register(HOST_B)]);
  t.is(joining.services[0]?.serving?.taskArn, onA.taskArn);
});

test('a ready static-port task on an unregistered host joins, then serves with nothing else to change', (t) => {
  const onA = task({ arn: 'task/a', ports: 8080, startedAt: NOW - 120 * SECOND });
  const newOnB = task({ arn: 'task/b', host: HOST_B, ports: 8080, startedAt: NOW - 60 * SECOND });
  const lb = loadBalancer({
    listeners: [listener({ instancePort: 8080 })],
    healthCheck: healthCheck('HTTP:8080/health'),
  });
  const tasks = [onA, newOnB];
  const fromB = plan(spec(), observation({ tasks, loadBalancers: [lb], on: HOST_B }), NOW);
  t.deepEqual(fromB.actions, [register(HOST_B)]);
  t.is(fromB.services[0]?.serving?.taskArn, onA.taskArn);
  const joined = [{ ...lb, instances: [HOST_A.instanceId, HOST_B.instanceId] }];
  const afterB = plan(spec(), observation({ tasks, loadBalancers: joined, on: HOST_B }), NOW);
  t.deepEqual(afterB.actions, []);
  t.is(afterB.services[0]?.serving?.taskArn, newOnB.taskArn);
  t.deepEqual(plan(spec(), observation({ tasks, loadBalancers: joined }), NOW).actions, []);
});

test("a new task that got the serving task's port by chance does not join while it settles", (t) => {
  // Docker hands out dynamic ports in sequence on each host: B's new task may get A's serving port.
  const serving = { ...task({ arn: 'task/a', ports: 32769, startedAt: NOW - 600 * SECOND }), ...healthy };
  const newOnB = {
    ...task({ arn: 'task/new-b', host: HOST_B, ports: 32769, startedAt: NOW - 3 * SECOND }),
    ...healthy,
  };
  const lb = loadBalancer({
    listeners: [listener({ instancePort: 32769 })],
    healthCheck: healthCheck('HTTP:32769/health'),
  });
  const fromB = plan(spec(), observation({ tasks: [serving, newOnB], loadBalancers: [lb], on: HOST_B }), NOW);
  t.deepEqual(fromB.actions, []);
  t.is(fromB.services[0]?.state, 'served-elsewhere');
});
