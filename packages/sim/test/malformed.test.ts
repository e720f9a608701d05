import test from 'ava';
import fc from 'fast-check';
import { handleRequest } from '../src/protocol/handle-request.js';
import type { SimRequest } from '../src/protocol/sim-request.js';
import { virtualWorld } from './fixtures.js';

const ecsRequest = (operation: string, body: string): SimRequest => ({
  method: 'POST',
  path: '/',
  headers: {
    'x-amz-target': `AmazonEC2ContainerServiceV20141113.${operation}`,
    'content-type': 'application/x-amz-json-1.1',
  },
  body,
});

const elbRequest = (body: string): SimRequest => ({
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body,
});

const ecsErrorType = (body: string): string => (JSON.parse(body) as { __type: string }).__type;

test('malformed ECS requests get ECS-shaped errors', async (t) => {
  const { world } = virtualWorld();
  const cases: [string, string, string][] = [
    ['ListTasks', '{not json', 'SerializationException'],
    ['ListTasks', '[1,2]', 'SerializationException'],
    ['ListTasks', '{"cluster":"test","maxResults":"ten"}', 'SerializationException'],
    ['ListTasks', '{"cluster":"test","maxResults":0}', 'InvalidParameterException'],
    ['ListTasks', '{"cluster":"test","desiredStatus":"DEAD"}', 'InvalidParameterException'],
    ['DescribeTasks', '{"cluster":"test","tasks":"abc"}', 'SerializationException'],
    ['DescribeTasks', '{"cluster":"test"}', 'InvalidParameterException'],
    ['RunTask', '{}', 'UnknownOperationException'],
  ];
  for (const [operation, body, expected] of cases) {
    const response = await handleRequest(world, ecsRequest(operation, body));
    t.is(response.status, 400, body);
    t.is(ecsErrorType(response.body), expected, body);
    t.truthy(response.headers['x-amzn-requestid']);
  }
});

test('malformed ELB requests get ELB-shaped errors', async (t) => {
  const { world } = virtualWorld();
  const cases: [string, string][] = [
    ['Action=CreateLoadBalancerListeners&Version=2012-06-01', 'ValidationError'],
    ['Action=CreateLoadBalancerListeners&Version=2012-06-01&LoadBalancerName=web-elb', 'ValidationError'],
    [
      'Action=CreateLoadBalancerListeners&Version=2012-06-01&LoadBalancerName=web-elb&Listeners.member.1.Protocol=HTTP&Listeners.member.1.LoadBalancerPort=x&Listeners.member.1.InstancePort=1',
      'ValidationError',
    ],
    [
      'Action=ConfigureHealthCheck&Version=2012-06-01&LoadBalancerName=web-elb&HealthCheck.Target=TCP:1',
      'ValidationError',
    ],
    ['Action=DescribeLoadBalancers&Version=2012-06-01&Marker=bogus', 'ValidationError'],
    ['Action=DescribeLoadBalancers&Version=2012-06-01&PageSize=0', 'ValidationError'],
    ['Action=CreateLoadBalancer&Version=2012-06-01', 'InvalidAction'],
  ];
  for (const [body, code] of cases) {
    const response = await handleRequest(world, elbRequest(body));
    t.is(response.status, 400, body);
    t.regex(
      response.body,
      new RegExp(`<ErrorResponse xmlns="[^"]+"><Error><Type>Sender</Type><Code>${code}</Code>`),
      body,
    );
  }
});

test('S3 answers other methods and bucket listings with S3 errors', async (t) => {
  const { world } = virtualWorld();
  const put = await handleRequest(world, { method: 'PUT', path: '/statika/x', headers: {}, body: 'x' });
  t.is(put.status, 405);
  t.regex(put.body, /<Code>MethodNotAllowed<\/Code>/);
  const list = await handleRequest(world, { method: 'GET', path: '/statika', headers: {}, body: '' });
  t.is(list.status, 501);
  const bad = await handleRequest(world, { method: 'GET', path: '/statika/%E0%A4%A', headers: {}, body: '' });
  t.is(bad.status, 400);
  t.regex(bad.body, /<Code>InvalidURI<\/Code>/);
});

test('no request, however garbled, makes a front end throw: every answer is an HTTP status', async (t) => {
  const { world } = virtualWorld();
  const header = fc.constantFrom(
    'x-amz-target',
    'content-type',
    'if-none-match',
    'x-aws-ec2-metadata-token',
    'x-junk',
  );
  const request = fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH'),
    path: fc.oneof(
      fc.constant('/'),
      fc.string().map((s) => `/${s}`),
      fc.constantFrom('/v1/tasks', '//latest/api/token'),
    ),
    headers: fc.dictionary(header, fc.string()),
    body: fc.oneof(
      fc.string(),
      fc.json(),
      fc.constantFrom(
        'Action=DescribeLoadBalancers&LoadBalancerNames.member.x=1',
        'Action=ConfigureHealthCheck&HealthCheck.Interval=1e9',
      ),
    ),
  });
  const target = fc.oneof(
    fc.constant({ kind: 'aws' as const }),
    fc.constant({ kind: 'host' as const, instanceId: 'i-0aaaaaaaaaaaaaaa1' }),
  );
  await fc.assert(
    fc.asyncProperty(request, target, async (r, tgt) => {
      const response = await handleRequest(world, r, tgt);
      return Number.isInteger(response.status) && response.status >= 200 && response.status < 600;
    }),
    { numRuns: 300, seed: 11 },
  );
  t.pass();
});
