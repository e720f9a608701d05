import { DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import {
  AccessPointNotFoundException,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingClient,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import test from 'ava';
import { createInProcessHandler } from '../src/in-process-handler.js';
import { HOST_B, virtualWorld } from './fixtures.js';
import { credentials } from './sdk.js';

const clientsFor = (world: ReturnType<typeof virtualWorld>['world']) => {
  const requestHandler = createInProcessHandler(world, { kind: 'aws' });
  const common = {
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler,
    endpoint: 'http://sim.invalid',
  };
  return {
    handler: requestHandler,
    ecs: new ECSClient(common),
    elb: new ElasticLoadBalancingClient(common),
    s3: new S3Client({ ...common, forcePathStyle: true }),
  };
};

test('the SDK clients talk to the world in-process, with no socket', async (t) => {
  const { world } = virtualWorld();
  const { ecs, elb, s3 } = clientsFor(world);
  const arns = (await ecs.send(new ListTasksCommand({ cluster: 'test' }))).taskArns ?? [];
  t.is(arns.length, 2);
  const tasks = await ecs.send(new DescribeTasksCommand({ cluster: 'test', tasks: arns }));
  t.deepEqual(
    tasks.tasks?.map((task) => task.lastStatus),
    ['RUNNING', 'RUNNING'],
  );
  await elb.send(
    new RegisterInstancesWithLoadBalancerCommand({
      LoadBalancerName: 'web-elb',
      Instances: [{ InstanceId: HOST_B }],
    }),
  );
  t.is(world.loadBalancer('web-elb')?.instances.length, 2);
  await t.throwsAsync(elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['nope'] })), {
    instanceOf: AccessPointNotFoundException,
  });
  const object = await s3.send(new GetObjectCommand({ Bucket: 'statika', Key: 'configuration.json' }));
  t.is(await object.Body?.transformToString(), '{"cluster":"test","sleepTimeSeconds":5}');
  t.deepEqual(world.calls().byService, { ecs: 2, elb: 2, s3: 1 });
  t.is(world.calls().total, 5);
});

test('injected latency runs on the world clock, and inFlight counts the waiting call', async (t) => {
  const { world, clock } = virtualWorld();
  const { ecs, handler } = clientsFor(world);
  world.setFault('ListTasks', { latencyMs: 2000 });
  let done = false;
  const call = ecs.send(new ListTasksCommand({ cluster: 'test' })).then((answer) => {
    done = true;
    return answer;
  });
  // The SDK needs a varying number of turns (more on a loaded machine) before the request reaches the
  // sim: wait for the latency timer to appear, with a real-time deadline rather than a turn count.
  const deadline = Date.now() + 5000;
  while (clock.nextTimerAt() !== clock.now() + 2000 && Date.now() < deadline) await new Promise(setImmediate);
  t.is(handler.inFlight(), 1);
  t.false(done);
  clock.advance(2000);
  const answer = await call;
  t.is(answer.taskArns?.length, 2);
  t.is(handler.inFlight(), 0);
});

test('a host handler serves IMDS and the ECS agent API in-process', async (t) => {
  const { world } = virtualWorld();
  const handler = createInProcessHandler(world, { kind: 'host', instanceId: HOST_B });
  const token = await handler.handle({
    method: 'PUT',
    path: '/latest/api/token',
    headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '60' },
  });
  const tokenText = await token.response.body.toArray().then((chunks) => Buffer.concat(chunks).toString());
  const id = await handler.handle({
    method: 'GET',
    path: '/latest/meta-data/instance-id',
    headers: { 'x-aws-ec2-metadata-token': tokenText },
  });
  t.is(id.response.statusCode, 200);
  t.is(Buffer.concat(await id.response.body.toArray()).toString(), HOST_B);
  const metadata = await handler.handle({
    method: 'GET',
    path: '/v1/metadata',
    headers: {},
    body: new Uint8Array(),
  });
  t.is(JSON.parse(Buffer.concat(await metadata.response.body.toArray()).toString()).Cluster, 'test');
});
