import { ListTasksCommand } from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { createAwsClients } from '../src/aws-clients.js';
import type { AwsCall } from '../src/call-recorder.js';
import { classifyFailure } from '../src/classify-failure.js';
import { credentials, type FakeRequest, scripted } from './fixtures.js';
import { startServer } from './local-server.js';

const described = `<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions/><NextMarker/></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>`;

test('records every request with service, operation, result and duration', async (t) => {
  const calls: AwsCall[] = [];
  const clients = createAwsClients({
    region: 'eu-west-1',
    credentials,
    maxAttempts: 1,
    recorder: { record: (call) => calls.push(call) },
    requestHandler: scripted([{ status: 200, body: '{"taskArns":[]}' }]),
  });
  await clients.ecs.send(new ListTasksCommand({ cluster: 'prod' }));
  t.like(calls, [{ service: 'ecs', operation: 'ListTasks', result: 'ok' }]);
  t.true((calls[0]?.durationMs ?? -1) >= 0);
});

test('S3 is path-style exactly when an S3 endpoint is set', async (t) => {
  const withEndpoint = createAwsClients({
    region: 'eu-west-1',
    credentials,
    env: { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1' },
  });
  const general = createAwsClients({
    region: 'eu-west-1',
    credentials,
    env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' },
  });
  const plain = createAwsClients({ region: 'eu-west-1', credentials, env: {} });
  t.true((await withEndpoint.s3()).client.config.forcePathStyle);
  t.true((await general.s3()).client.config.forcePathStyle);
  t.false((await plain.s3()).client.config.forcePathStyle);
});

test('endpoints: one base URL sends every service there, a URL a service sends only that one', async (t) => {
  const ok = { status: 200, body: '{"taskArns":[]}' };
  const hostOf = async (endpoints: Parameters<typeof createAwsClients>[0]['endpoints']) => {
    const seen: FakeRequest[] = [];
    const clients = createAwsClients({
      region: 'eu-west-1',
      credentials,
      maxAttempts: 1,
      endpoints,
      env: {},
      requestHandler: scripted([ok, { status: 200, body: described }], seen),
    });
    await clients.ecs.send(new ListTasksCommand({ cluster: 'prod' }));
    await clients.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['web-lb'] }));
    return seen.map((r) => r.hostname);
  };
  t.deepEqual(await hostOf('http://127.0.0.1:4566'), ['127.0.0.1', '127.0.0.1']);
  t.deepEqual(await hostOf({ ecs: 'http://ecs.sim' }), [
    'ecs.sim',
    'elasticloadbalancing.eu-west-1.amazonaws.com',
  ]);
  t.deepEqual(await hostOf(undefined), [
    'ecs.eu-west-1.amazonaws.com',
    'elasticloadbalancing.eu-west-1.amazonaws.com',
  ]);
});

test('an S3 endpoint given makes S3 path-style and sends it there', async (t) => {
  const clients = createAwsClients({
    region: 'eu-west-1',
    credentials,
    endpoints: { s3: 'http://s3.sim:9000' },
    env: {},
  });
  const s3 = (await clients.s3()).client;
  t.true(s3.config.forcePathStyle);
  const endpoint = await s3.config.endpoint?.();
  t.is(endpoint?.hostname, 's3.sim');
  const other = createAwsClients({
    region: 'eu-west-1',
    credentials,
    endpoints: { ecs: 'http://ecs.sim' },
    env: {},
  });
  t.false((await other.s3()).client.config.forcePathStyle);
});

test('S3 is created on first use, and the same one is used after', async (t) => {
  const clients = createAwsClients({ region: 'eu-west-1', credentials, env: {} });
  const [first, second] = await Promise.all([clients.s3(), clients.s3()]);
  t.is(first, second);
  t.is(await clients.s3(), first);
});

test('a request that gets no answer fails as a transient Timeout, and does not hang its caller', async (t) => {
  // Accepts the connection, reads the request, never answers: a dead endpoint behind a live socket.
  const server = await startServer(() => {});
  t.teardown(() => server.close());
  const clients = createAwsClients({
    region: 'eu-west-1',
    credentials,
    maxAttempts: 1,
    endpoints: server.url,
    requestTimeoutMs: 300,
  });
  const started = Date.now();
  const error = await t.throwsAsync(clients.ecs.send(new ListTasksCommand({ cluster: 'prod' })));
  t.true(Date.now() - started < 5_000);
  t.like(classifyFailure(error, 'ecs', 'ListTasks', undefined), {
    type: 'transient',
    code: 'Timeout',
  });
  t.deepEqual(server.requests, ['POST /']);
});
