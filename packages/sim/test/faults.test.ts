import test from 'ava';
import { FaultInjector } from '../src/faults.js';
import { handleRequest } from '../src/protocol/handle-request.js';
import { seededRandom } from '../src/random.js';
import type { SimEvent } from '../src/sim-event.js';
import { virtualWorld } from './fixtures.js';

const decisions = (seed: number) => {
  const faults = new FaultInjector(seededRandom(seed));
  faults.setFault('*', { errorRate: 0.3, throttleRate: 0.2 });
  return Array.from({ length: 200 }, () => faults.decide('ecs', 'ListTasks').error?.code ?? 'ok');
};

test('fault rates draw from the seeded source: the same seed gives the same failures', (t) => {
  const first = decisions(42);
  t.deepEqual(decisions(42), first);
  t.notDeepEqual(decisions(43), first);
  const throttled = first.filter((c) => c === 'ThrottlingException').length;
  const failed = first.filter((c) => c === 'ServerException').length;
  t.true(throttled > 20 && throttled < 60, `throttled ${throttled}`);
  t.true(failed > 30 && failed < 90, `failed ${failed}`);
});

test('failNext fails exactly the next N calls of that operation, with the given code', (t) => {
  const faults = new FaultInjector(seededRandom(1));
  faults.setFault('DescribeTasks', { failNext: 2, code: 'AccessDeniedException' });
  const codes = Array.from({ length: 3 }, () => faults.decide('ecs', 'DescribeTasks').error?.code);
  t.deepEqual(codes, ['AccessDeniedException', 'AccessDeniedException', undefined]);
  t.is(faults.decide('ecs', 'ListTasks').error, undefined, 'other operations are untouched');
});

test("'*' applies to AWS operations, not to the hosts' IMDS and ECS agent", (t) => {
  const faults = new FaultInjector(seededRandom(1));
  faults.setFault('*', { errorRate: 1 });
  t.is(faults.decide('elb', 'DescribeLoadBalancers').error?.code, 'InternalFailure');
  t.is(faults.decide('s3', 'GetObject').error?.status, 500);
  t.is(faults.decide('agent', 'AgentTasks').error, undefined);
  faults.setFault('AgentTasks', { failNext: 1 });
  t.is(faults.decide('agent', 'AgentTasks').error?.status, 500);
});

test('failCreateAfterDelete arms on a delete of the named load balancer only, and can outlast retries', (t) => {
  const faults = new FaultInjector(seededRandom(1));
  faults.failCreateAfterDelete('web-elb', { times: 2, code: 'ServiceUnavailable' });
  t.is(faults.decide('elb', 'CreateLoadBalancerListeners', 'web-elb').error, undefined, 'no delete yet');
  faults.succeeded('DeleteLoadBalancerListeners', 'api-elb');
  t.is(faults.decide('elb', 'CreateLoadBalancerListeners', 'api-elb').error, undefined);
  faults.succeeded('DeleteLoadBalancerListeners', 'web-elb');
  t.is(faults.decide('elb', 'CreateLoadBalancerListeners', 'web-elb').error?.status, 503);
  t.is(faults.decide('elb', 'CreateLoadBalancerListeners', 'web-elb').error?.code, 'ServiceUnavailable');
  t.is(faults.decide('elb', 'CreateLoadBalancerListeners', 'web-elb').error, undefined);
});

test('an injected fault is counted as a call and reported as an event', async (t) => {
  const { world } = virtualWorld();
  const events: SimEvent[] = [];
  world.onEvent((e) => events.push(e));
  world.faults.setFault('DescribeLoadBalancers', { failNext: 1, code: 'Throttling' });
  const body = 'Action=DescribeLoadBalancers&Version=2012-06-01';
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  const failed = await handleRequest(world, { method: 'POST', path: '/', headers, body });
  t.is(failed.status, 400);
  t.regex(failed.body, /<Code>Throttling<\/Code>/);
  t.regex(failed.body, /<Type>Sender<\/Type>/);
  t.truthy(failed.headers['x-amzn-requestid']);
  t.is((await handleRequest(world, { method: 'POST', path: '/', headers, body })).status, 200);
  t.deepEqual(world.calls().byOperation, { 'elb:DescribeLoadBalancers': 2 });
  t.deepEqual(
    events.filter((e) => e.type === 'fault').map((e) => (e.type === 'fault' ? e.code : '')),
    ['Throttling'],
  );
  world.resetCalls();
  t.is(world.calls().total, 0);
});
