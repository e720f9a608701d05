import {
  ClusterNotFoundException,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  InvalidParameterException,
  ListContainerInstancesCommand,
  ListTasksCommand,
  paginateListTasks,
  ServerException,
  ServiceNotFoundException,
} from '@aws-sdk/client-ecs';
import test from 'ava';
import { HOST_A, HOST_B, twoHostSpec } from './fixtures.js';
import { httpStatus, startClients } from './sdk.js';

test('ListTasks lists the RUNNING tasks of the cluster and filters by family, service and container instance', async (t) => {
  const { ecs, world } = await startClients(t);
  const all = await ecs.send(new ListTasksCommand({ cluster: 'test' }));
  t.is(all.taskArns?.length, 2);
  const web = world.tasks().find((task) => task.family === 'web')!;
  t.deepEqual((await ecs.send(new ListTasksCommand({ cluster: 'test', family: 'web' }))).taskArns, [
    web.taskArn,
  ]);
  t.deepEqual((await ecs.send(new ListTasksCommand({ cluster: 'test', serviceName: 'web' }))).taskArns, [
    web.taskArn,
  ]);
  const hostA = world.hosts().find((h) => h.instanceId === HOST_A)!;
  const hostB = world.hosts().find((h) => h.instanceId === HOST_B)!;
  t.is(
    (await ecs.send(new ListTasksCommand({ cluster: 'test', containerInstance: hostA.containerInstanceArn })))
      .taskArns?.length,
    2,
  );
  t.deepEqual(
    (
      await ecs.send(
        new ListTasksCommand({ cluster: world.clusterArn, containerInstance: hostB.containerInstanceArn }),
      )
    ).taskArns,
    [],
  );
});

test('ListTasks with desiredStatus STOPPED lists stopping and stopped tasks', async (t) => {
  const { ecs, world } = await startClients(t);
  const web = world.tasks().find((task) => task.family === 'web')!;
  world.stopTask(web.taskArn);
  const stopped = await ecs.send(new ListTasksCommand({ cluster: 'test', desiredStatus: 'STOPPED' }));
  t.deepEqual(stopped.taskArns, [web.taskArn]);
  const runningNow = await ecs.send(new ListTasksCommand({ cluster: 'test', family: 'web' }));
  t.false(runningNow.taskArns?.includes(web.taskArn));
});

test('ListTasks pages with maxResults and nextToken, and refuses maxResults above 100', async (t) => {
  const { ecs, world } = await startClients(t);
  world.scale('api', 5);
  const pages: string[][] = [];
  for await (const page of paginateListTasks({ client: ecs, pageSize: 2 }, { cluster: 'test' })) {
    pages.push(page.taskArns ?? []);
  }
  t.deepEqual(
    pages.map((p) => p.length),
    [2, 2, 2],
  );
  t.deepEqual(
    pages.flat().sort(),
    world
      .tasks()
      .map((task) => task.taskArn)
      .sort(),
  );
  await t.throwsAsync(ecs.send(new ListTasksCommand({ cluster: 'test', maxResults: 101 })), {
    instanceOf: InvalidParameterException,
  });
  await t.throwsAsync(ecs.send(new ListTasksCommand({ cluster: 'test', nextToken: 'garbage' })), {
    instanceOf: InvalidParameterException,
  });
});

test('ListTasks for another cluster is ClusterNotFoundException; for an unknown service ServiceNotFoundException', async (t) => {
  const { ecs } = await startClients(t);
  const error = await t.throwsAsync(ecs.send(new ListTasksCommand({ cluster: 'other' })), {
    instanceOf: ClusterNotFoundException,
  });
  t.is(error?.message, 'Cluster not found.');
  t.is(httpStatus(error), 400);
  await t.throwsAsync(ecs.send(new ListTasksCommand({})), { instanceOf: ClusterNotFoundException });
  await t.throwsAsync(ecs.send(new ListTasksCommand({ cluster: 'test', serviceName: 'nope' })), {
    instanceOf: ServiceNotFoundException,
  });
});

test('DescribeTasks answers bindings, statuses, group and times, and puts unknown ids in failures', async (t) => {
  const { ecs, world } = await startClients(t);
  const web = world.tasks().find((task) => task.family === 'web')!;
  const answer = await ecs.send(new DescribeTasksCommand({ cluster: 'test', tasks: [web.taskArn, 'nope'] }));
  const [task] = answer.tasks ?? [];
  t.is(task?.taskArn, web.taskArn);
  t.is(task?.lastStatus, 'RUNNING');
  t.is(task?.desiredStatus, 'RUNNING');
  t.is(task?.healthStatus, 'HEALTHY');
  t.is(task?.group, 'service:web');
  t.is(task?.containerInstanceArn, world.hosts()[0]?.containerInstanceArn);
  t.true(task?.taskDefinitionArn?.endsWith(':task-definition/web:1'));
  t.true(task?.startedAt instanceof Date);
  t.is(task?.startedAt?.getTime(), web.startedAt);
  t.deepEqual(task?.containers?.[0]?.networkBindings, [
    { bindIP: '0.0.0.0', containerPort: 8080, hostPort: 32768, protocol: 'tcp' },
  ]);
  t.deepEqual(answer.failures, [{ arn: 'nope', reason: 'MISSING' }]);
});

test('DescribeTasks takes at most 100 ids and at least one', async (t) => {
  const { ecs } = await startClients(t);
  const ids = Array.from({ length: 101 }, (_, i) => `task-${i}`);
  await t.throwsAsync(ecs.send(new DescribeTasksCommand({ cluster: 'test', tasks: ids })), {
    instanceOf: InvalidParameterException,
  });
  await t.throwsAsync(ecs.send(new DescribeTasksCommand({ cluster: 'test', tasks: [] })), {
    instanceOf: InvalidParameterException,
  });
  const hundred = await ecs.send(new DescribeTasksCommand({ cluster: 'test', tasks: ids.slice(0, 100) }));
  t.is(hundred.failures?.length, 100);
});

test('ListContainerInstances filters by ec2InstanceId and status', async (t) => {
  const { ecs, world } = await startClients(t);
  const hostB = world.hosts().find((h) => h.instanceId === HOST_B)!;
  const byId = await ecs.send(
    new ListContainerInstancesCommand({ cluster: 'test', filter: `ec2InstanceId == ${HOST_B}` }),
  );
  t.deepEqual(byId.containerInstanceArns, [hostB.containerInstanceArn]);
  world.drain(HOST_B);
  const draining = await ecs.send(new ListContainerInstancesCommand({ cluster: 'test', status: 'DRAINING' }));
  t.deepEqual(draining.containerInstanceArns, [hostB.containerInstanceArn]);
  const all = await ecs.send(new ListContainerInstancesCommand({ cluster: 'test' }));
  t.is(all.containerInstanceArns?.length, 2);
  await t.throwsAsync(
    ecs.send(new ListContainerInstancesCommand({ cluster: 'test', filter: 'attribute:x exists' })),
    {
      instanceOf: InvalidParameterException,
    },
  );
});

test('DescribeContainerInstances answers ec2InstanceId and status, and unknown ids in failures', async (t) => {
  const { ecs, world } = await startClients(t);
  world.drain(HOST_A);
  const [a, b] = world.hosts();
  const answer = await ecs.send(
    new DescribeContainerInstancesCommand({
      cluster: 'test',
      containerInstances: [a!.containerInstanceArn, b!.containerInstanceArn.split('/').at(-1)!, 'nope'],
    }),
  );
  t.deepEqual(
    answer.containerInstances?.map((c) => [c.ec2InstanceId, c.status, c.containerInstanceArn]),
    [
      [HOST_A, 'DRAINING', a!.containerInstanceArn],
      [HOST_B, 'ACTIVE', b!.containerInstanceArn],
    ],
  );
  t.deepEqual(answer.failures, [{ arn: 'nope', reason: 'MISSING' }]);
  await t.throwsAsync(
    ecs.send(
      new DescribeContainerInstancesCommand({
        cluster: 'test',
        containerInstances: Array.from({ length: 101 }, () => 'x'),
      }),
    ),
    { instanceOf: InvalidParameterException },
  );
});

test('ECS faults: ServerException is a 500, ThrottlingException is retried by the SDK', async (t) => {
  const { ecs, world } = await startClients(t, twoHostSpec(), 3);
  world.setFault('DescribeTasks', { failNext: 3 });
  const error = await t.throwsAsync(ecs.send(new DescribeTasksCommand({ cluster: 'test', tasks: ['x'] })), {
    instanceOf: ServerException,
  });
  t.is(httpStatus(error), 500);
  world.setFault('ListTasks', { failNext: 1, code: 'ThrottlingException' });
  const answer = await ecs.send(new ListTasksCommand({ cluster: 'test' }));
  t.is(answer.$metadata.attempts, 2);
  t.is(world.calls().byOperation['ecs:ListTasks'], 2);
  t.is(world.calls().byOperation['ecs:DescribeTasks'], 3);
});

test('DescribeTasks shows a stopping task with desiredStatus STOPPED while it still runs, and why', async (t) => {
  const { ecs, world } = await startClients(t);
  const api = world.tasks().find((task) => task.family === 'api')!;
  world.stopTask(api.taskArn);
  const [stopping] =
    (await ecs.send(new DescribeTasksCommand({ cluster: 'test', tasks: [api.taskArn] }))).tasks ?? [];
  t.like(stopping, {
    desiredStatus: 'STOPPED',
    lastStatus: 'RUNNING',
    stoppedReason: 'Task stopped by user',
  });
  t.true(stopping?.stoppingAt instanceof Date);
  t.is(stopping?.stoppedAt, undefined);
  t.is(stopping?.containers?.[0]?.networkBindings?.length, 1, 'still bound during the stop timeout');
});
