import { DescribeTasksCommand, ECSServiceException, ListTasksCommand } from '@aws-sdk/client-ecs';
import {
  DeregisterInstancesFromLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingServiceException,
} from '@aws-sdk/client-elastic-load-balancing';
import { GetObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import test from 'ava';
import { throttleCategory } from '../src/api-throttle.js';
import { handleRequest } from '../src/protocol/handle-request.js';
import { decodeWorldSpec } from '../src/world-spec.js';
import { HOST_A, twoHostSpec, virtualWorld } from './fixtures.js';
import { httpStatus, startClients } from './sdk.js';

/** One call a bucket allows, and a refill so slow that the next call within a test is throttled. */
const oneCall = { burst: 1, refillPerSecond: 0.001 };

const failure = async (call: Promise<unknown>): Promise<unknown> => {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
};

test('ECS answers ThrottlingException (400) once the account bucket of ECS reads is empty; writes are another bucket', async (t) => {
  const { ecs, world } = await startClients(t, twoHostSpec({ throttling: { ecsReads: oneCall } }));
  await ecs.send(new ListTasksCommand({ cluster: 'test' }));
  const error = await failure(ecs.send(new DescribeTasksCommand({ cluster: 'test', tasks: ['x'] })));
  t.true(error instanceof ECSServiceException);
  t.is((error as ECSServiceException).name, 'ThrottlingException');
  t.is((error as ECSServiceException).message, 'Rate exceeded');
  t.is(httpStatus(error), 400);
  t.deepEqual(world.throttled(), { total: 1, byCategory: { ecsReads: 1 } });
  t.is(world.calls().byOperation['ecs:DescribeTasks'], 1, 'a throttled call still counts as a call');
});

test('ELB answers Throttling (400, Sender) for reads and writes from separate buckets', async (t) => {
  const { elb, world } = await startClients(
    t,
    twoHostSpec({ throttling: { elbReads: oneCall, elbWrites: oneCall } }),
  );
  await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['web-elb'] }));
  const read = await failure(elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['web-elb'] })));
  t.true(read instanceof ElasticLoadBalancingServiceException);
  t.is((read as ElasticLoadBalancingServiceException).name, 'Throttling');
  t.is(httpStatus(read), 400);
  const deregister = () =>
    elb.send(
      new DeregisterInstancesFromLoadBalancerCommand({
        LoadBalancerName: 'web-elb',
        Instances: [{ InstanceId: HOST_A }],
      }),
    );
  await deregister();
  t.is(((await failure(deregister())) as Error).name, 'Throttling');
  t.deepEqual(world.throttled().byCategory, { elbReads: 1, elbWrites: 1 });
});

test('S3 answers SlowDown (503) once the GetObject bucket is empty', async (t) => {
  const { s3 } = await startClients(t, twoHostSpec({ throttling: { s3GetObject: oneCall } }));
  const get = () => s3.send(new GetObjectCommand({ Bucket: 'statika', Key: 'configuration.json' }));
  await (await get()).Body?.transformToString();
  const error = await failure(get());
  t.true(error instanceof S3ServiceException);
  t.is((error as S3ServiceException).name, 'SlowDown');
  t.is(httpStatus(error), 503);
});

test('without throttling in the scenario nothing is ever throttled', async (t) => {
  const { ecs, world } = await startClients(t);
  for (let i = 0; i < 60; i++) await ecs.send(new ListTasksCommand({ cluster: 'test' }));
  t.is(world.throttled().total, 0);
});

test('buckets refill on the world clock: virtual time refills them without real time passing', async (t) => {
  const { world, clock } = virtualWorld(
    twoHostSpec({ throttling: { ecsReads: { burst: 2, refillPerSecond: 1 } } }),
  );
  const listTasks = () =>
    handleRequest(world, {
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListTasks',
      },
      body: '{"cluster":"test"}',
    });
  const statuses = async (n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await listTasks()).status);
    return out;
  };
  t.deepEqual(await statuses(3), [200, 200, 400]);
  clock.advance(1000);
  t.deepEqual(await statuses(2), [200, 400]);
  world.setThrottling(undefined);
  t.deepEqual(await statuses(3), [200, 200, 200], 'setThrottling(undefined) turns it off');
});

test('reads and writes of each API go to their own category; local endpoints are never throttled', (t) => {
  t.is(throttleCategory('ecs', 'DescribeContainerInstances'), 'ecsReads');
  t.is(throttleCategory('ecs', 'ListTasks'), 'ecsReads');
  t.is(throttleCategory('ecs', 'UpdateService'), 'ecsWrites');
  t.is(throttleCategory('elb', 'DescribeLoadBalancers'), 'elbReads');
  t.is(throttleCategory('elb', 'CreateLoadBalancerListeners'), 'elbWrites');
  t.is(throttleCategory('s3', 'GetObject'), 's3GetObject');
  t.is(throttleCategory('agent', 'AgentTasks'), undefined);
  t.is(throttleCategory('imds', 'GetToken'), undefined);
});

test('a scenario with an impossible bucket is refused with its path', (t) => {
  const result = decodeWorldSpec({
    ...twoHostSpec(),
    throttling: { ecsReads: { burst: 0, refillPerSecond: 0 } },
  });
  t.deepEqual(result, {
    _tag: 'Left',
    left: [
      'throttling.ecsReads.burst: expected at least 1',
      'throttling.ecsReads.refillPerSecond: expected more than 0',
    ],
  });
});
