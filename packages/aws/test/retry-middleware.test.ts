import { ListTasksCommand } from '@aws-sdk/client-ecs';
import {
  CreateLoadBalancerListenersCommand,
  DescribeLoadBalancersCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { createAwsClients } from '../src/aws-clients.js';
import type { AwsCall } from '../src/call-recorder.js';
import { credentials, type FakeRequest, scripted } from './fixtures.js';

const elbError = (status: number, code: string) => ({
  status,
  body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${code} here</Message></Error></ErrorResponse>`,
});
const throttled = elbError(400, 'Throttling');
const described = {
  status: 200,
  body: `<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions/><NextMarker/></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>`,
};
const created = {
  status: 200,
  body: `<CreateLoadBalancerListenersResponse><CreateLoadBalancerListenersResult/></CreateLoadBalancerListenersResponse>`,
};

/** Clients answering from `answers`, retrying on a clock that records its waits and never really waits. */
const clientsAnswering = (
  answers: readonly { status: number; body: string }[],
  options: { random?: number; maxAttempts?: number } = {},
) => {
  const seen: FakeRequest[] = [];
  const sleeps: number[] = [];
  const calls: AwsCall[] = [];
  const clients = createAwsClients({
    region: 'eu-west-1',
    credentials,
    recorder: { record: (call) => calls.push(call) },
    requestHandler: scripted(answers, seen),
    retryClock: { sleep: async (ms) => void sleeps.push(ms), random: () => options.random ?? 0.5 },
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
  return { clients, seen, sleeps, calls };
};

const describe = new DescribeLoadBalancersCommand({ LoadBalancerNames: ['web-lb'] });
const create = new CreateLoadBalancerListenersCommand({
  LoadBalancerName: 'web-lb',
  Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 32002 }],
});

test('a throttled call is tried once more after a jittered wait of up to half a second', async (t) => {
  const { clients, sleeps, calls } = clientsAnswering([throttled, described]);
  await clients.elb.send(describe);
  t.deepEqual(sleeps, [250]);
  // Each attempt is recorded: both spend from AWS's rate limits.
  t.deepEqual(
    calls.map((c) => [c.service, c.operation, c.result]),
    [
      ['elb', 'DescribeLoadBalancers', 'Throttling'],
      ['elb', 'DescribeLoadBalancers', 'ok'],
    ],
  );
});

test('a call that keeps failing gives up after its second attempt', async (t) => {
  const { clients, seen, sleeps } = clientsAnswering([elbError(503, 'ServiceUnavailable')]);
  await t.throwsAsync(clients.elb.send(describe), { name: 'ServiceUnavailable' });
  t.is(seen.length, 2);
  t.is(sleeps.length, 1);
});

test('a failure that retrying cannot fix is never retried', async (t) => {
  for (const answer of [elbError(400, 'ValidationError'), elbError(400, 'LoadBalancerNotFound')]) {
    const { clients, seen, sleeps } = clientsAnswering([answer]);
    await t.throwsAsync(clients.elb.send(describe));
    t.is(seen.length, 1);
    t.deepEqual(sleeps, []);
  }
});

test('the create of a listener replacement is retried sooner and longer: six attempts, waits doubling from 0.2 s to 0.8 s', async (t) => {
  const { clients, seen, sleeps } = clientsAnswering([throttled], { random: 0.999 });
  await t.throwsAsync(clients.elb.send(create), { name: 'Throttling' });
  t.is(seen.length, 6);
  t.deepEqual(sleeps, [199, 399, 799, 799, 799]);
});

test('a create that succeeds on a later attempt succeeds', async (t) => {
  const { clients, seen } = clientsAnswering([throttled, elbError(500, 'InternalFailure'), created]);
  await t.notThrowsAsync(clients.elb.send(create));
  t.is(seen.length, 3);
});

test('a duplicate listener is never retried: another host created it', async (t) => {
  const { clients, seen } = clientsAnswering([elbError(400, 'DuplicateListener')]);
  await t.throwsAsync(clients.elb.send(create));
  t.is(seen.length, 1);
});

test('maxAttempts 1 never retries, on every client', async (t) => {
  const { clients, seen, sleeps } = clientsAnswering([throttled], { maxAttempts: 1 });
  await t.throwsAsync(clients.elb.send(create));
  await t.throwsAsync(clients.ecs.send(new ListTasksCommand({ cluster: 'prod' })));
  t.is(seen.length, 2);
  t.deepEqual(sleeps, []);
});

test('an ECS throttle is retried like an ELB one', async (t) => {
  const { clients, seen, sleeps } = clientsAnswering([
    { status: 400, body: '{"__type":"ThrottlingException","message":"Rate exceeded"}' },
    { status: 200, body: '{"taskArns":[]}' },
  ]);
  await clients.ecs.send(new ListTasksCommand({ cluster: 'prod' }));
  t.is(seen.length, 2);
  t.deepEqual(sleeps, [250]);
});

test('a middleware added at initialize runs inside the retries, once per attempt', async (t) => {
  const { clients, seen } = clientsAnswering([throttled, described]);
  let runs = 0;
  clients.elb.middlewareStack.add(
    (next) => (args) => {
      runs += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countsAttempts' },
  );
  await clients.elb.send(describe);
  t.is(seen.length, 2);
  t.is(runs, 2);
});
