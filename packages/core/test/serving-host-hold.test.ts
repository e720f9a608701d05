import test from 'ava';
import { HOLD_POLL_MS, MAX_HOLD_MS, plan, resyncInterval, type Task } from '../src/index.js';
import {
  deregister,
  HOST_A,
  HOST_B,
  healthCheck,
  loadBalancer,
  NOW,
  observation,
  register,
  spec,
  task,
} from './builders.js';

// A two-host deploy at the moment ECS stops A's old (serving) task: A's new task is still starting and
// B's new one is HEALTHY. A move to B would leave the load balancer with no InService instance for
// HealthyThreshold x Interval; A's new task is usually healthy a moment later.
const SECOND = 1000;
const healthy = { healthStatus: 'HEALTHY' as const };
const oldB = {
  ...task({ arn: 'task/old-b', host: HOST_B, ports: 33000, startedAt: NOW - 3600 * SECOND }),
  ...healthy,
};
const newB = {
  ...task({ arn: 'task/new-b', host: HOST_B, ports: 33001, startedAt: NOW - 6 * SECOND }),
  ...healthy,
};
const startingA = task({
  arn: 'task/new-a',
  ports: 32769,
  startedAt: NOW - 2 * SECOND,
  healthStatus: 'UNKNOWN',
});
/** ELB's health check every 5 s, 2 to pass: a move costs up to 10 s. */
const fastCheck = loadBalancer({ healthCheck: { ...healthCheck(), interval: 5, healthyThreshold: 2 } });

const planOn = (tasks: readonly Task[], on = HOST_A, lb = fastCheck, now = NOW) =>
  plan(spec(), observation({ tasks: [...tasks], loadBalancers: [lb], on }), now);

test('no host moves the service while the serving host new task starts', (t) => {
  const tasks = [oldB, newB, startingA];
  for (const on of [HOST_A, HOST_B]) {
    const result = planOn(tasks, on);
    t.deepEqual(result.actions, []);
    t.like(result.services[0], {
      state: 'waiting',
      serving: undefined,
      reason: {
        type: 'holding',
        taskArn: startingA.taskArn,
        instanceId: HOST_A.instanceId,
        until: NOW + 8 * SECOND,
      },
    });
  }
});

test('the hold lasts HealthyThreshold x Interval from the start, then the service moves', (t) => {
  const tasks = [oldB, newB, startingA];
  const until = NOW + 8 * SECOND;
  t.deepEqual(planOn(tasks, HOST_B, fastCheck, until - 1).actions, []);
  const moved = planOn(tasks, HOST_B, fastCheck, until);
  t.deepEqual(moved.actions.slice(0, 1), [register(HOST_B)]);
  t.is(moved.services[0]?.serving?.taskArn, newB.taskArn);
  t.deepEqual(planOn(tasks, HOST_A, fastCheck, until).actions, [deregister(HOST_A)]);
});

test('the hold is capped whatever the health check (ELB defaults: 10 x 30 s)', (t) => {
  const slow = loadBalancer({ healthCheck: { ...healthCheck(), interval: 30, healthyThreshold: 10 } });
  const result = planOn([oldB, newB, startingA], HOST_B, slow);
  t.like(result.services[0]?.reason, { type: 'holding', until: NOW - 2 * SECOND + MAX_HOLD_MS });
});

test('a task still PENDING holds from its creation', (t) => {
  const { startedAt: _, ...rest } = startingA;
  const pending: Task = { ...rest, lastStatus: 'PENDING', createdAt: NOW - SECOND, containers: [] };
  t.like(planOn([oldB, newB, pending], HOST_B).services[0]?.reason, {
    type: 'holding',
    until: NOW + 9 * SECOND,
  });
  const { createdAt: __, ...unknownAge } = pending;
  t.deepEqual(planOn([oldB, newB, unknownAge], HOST_B).actions.slice(0, 1), [register(HOST_B)]);
});

test('the serving host new task turning HEALTHY ends the hold: it serves there', (t) => {
  const ready = { ...startingA, ...healthy };
  const result = planOn([oldB, newB, ready]);
  t.is(result.services[0]?.serving?.taskArn, ready.taskArn);
  t.is(result.services[0]?.reason.type, 'serves-here');
  t.deepEqual(planOn([oldB, newB, ready], HOST_B).actions, []);
});

test('nothing holds for a failing task, a task on an unregistered host, or a DRAINING serving host', (t) => {
  const failing = { ...startingA, healthStatus: 'UNHEALTHY' as const };
  t.is(planOn([oldB, newB, failing], HOST_B).services[0]?.reason.type, 'serves-here');
  const elsewhere = {
    ...startingA,
    containerInstanceArn: HOST_B.containerInstanceArn,
    instanceId: HOST_B.instanceId,
  };
  t.is(planOn([oldB, newB, elsewhere], HOST_B).services[0]?.reason.type, 'serves-here');
  const draining = plan(
    spec(),
    observation({
      tasks: [oldB, newB, startingA],
      loadBalancers: [fastCheck],
      on: HOST_B,
      hostStatuses: { [HOST_A.containerInstanceArn]: 'DRAINING' },
    }),
    NOW,
  );
  t.is(draining.services[0]?.reason.type, 'serves-here');
});

test('a held move is re-read every second on the serving host and when the hold ends on the others', (t) => {
  const tasks = [oldB, newB, startingA];
  const onA = resyncInterval(spec(), observation({ tasks, loadBalancers: [fastCheck] }), NOW);
  t.like(onA, { role: 'holding', ms: HOLD_POLL_MS });
  const onB = resyncInterval(spec(), observation({ tasks, loadBalancers: [fastCheck], on: HOST_B }), NOW);
  t.like(onB, { role: 'holding', ms: 8 * SECOND });
  const after = resyncInterval(
    spec(),
    observation({ tasks, loadBalancers: [fastCheck], on: HOST_B }),
    NOW + 8 * SECOND,
  );
  t.not(after.role, 'holding');
});
