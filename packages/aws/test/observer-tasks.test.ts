import {
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { taskArn } from '@statika/core';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import {
  api,
  CLUSTER,
  ec2Id,
  hostArn,
  identity,
  lbDescription,
  sdkTask,
  spec,
  taskArnOf,
  web,
} from './fixtures.js';
import { mockedObserver } from './observer-fixtures.js';

const { ecsMock, elbMock, observer, serveEcs, listPages, reset } = mockedObserver();

test.beforeEach(reset);

test.serial('maps tasks, hosts and load balancers into the core model', async (t) => {
  const task = sdkTask(1, { containerInstanceArn: hostArn(2), group: 'service:web' });
  listPages([[taskArnOf(1)]]);
  serveEcs([task]);
  const result = await observer.observe(spec([web]), identity);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.deepEqual(result.right.host, {
    instanceId: identity.instanceId,
    containerInstanceArn: hostArn(1),
    status: 'ACTIVE',
  });
  t.deepEqual(result.right.tasks, [
    {
      taskArn: taskArnOf(1),
      family: 'web',
      containerInstanceArn: hostArn(2),
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      healthStatus: 'HEALTHY',
      group: 'service:web',
      instanceId: ec2Id(2),
      startedAt: 1_700_000_001_000,
      containers: [
        {
          name: 'app',
          healthStatus: 'HEALTHY',
          networkBindings: [{ bindIP: '0.0.0.0', containerPort: 8080, hostPort: 32001, protocol: 'tcp' }],
        },
      ],
    },
  ]);
  t.deepEqual(result.right.loadBalancers, [
    {
      name: 'web-lb',
      listeners: [
        {
          protocol: 'HTTP',
          loadBalancerPort: 80,
          instanceProtocol: 'HTTP',
          instancePort: 32001,
          policyNames: [],
        },
      ],
      backendServers: [],
      healthCheck: {
        target: 'HTTP:32001/health',
        interval: 10,
        timeout: 5,
        unhealthyThreshold: 2,
        healthyThreshold: 2,
      },
      instances: [ec2Id(1)],
    },
  ]);
  t.deepEqual(result.right.hostStatuses, { [hostArn(1)]: 'ACTIVE', [hostArn(2)]: 'ACTIVE' });
  // One ListTasks for the whole cluster, never one per service or family.
  t.like(ecsMock.commandCalls(ListTasksCommand)[0]?.args[0].input, {
    cluster: CLUSTER,
    desiredStatus: 'RUNNING',
    maxResults: 100,
  });
});

test.serial('follows every ListTasks page, including an empty last page', async (t) => {
  const tasks = [1, 2, 3].map((n) => sdkTask(n));
  listPages([[taskArnOf(1)], [taskArnOf(2), taskArnOf(3)], []]);
  serveEcs(tasks);
  const result = await observer.observe(spec([web]), identity);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.deepEqual(
    result.right.tasks.map((task) => task.taskArn),
    [1, 2, 3].map(taskArnOf),
  );
  t.deepEqual(
    ecsMock.commandCalls(ListTasksCommand).map((c) => c.args[0].input.nextToken),
    [undefined, 'p1', 'p2'],
  );
  t.is(ecsMock.commandCalls(DescribeTasksCommand).length, 1);
});

test.serial('describes 250 tasks in 3 DescribeTasks calls and their hosts in one call per 100', async (t) => {
  const tasks = Array.from({ length: 250 }, (_, i) => sdkTask(i, { containerInstanceArn: hostArn(i % 150) }));
  listPages([0, 1, 2].map((p) => tasks.slice(p * 100, p * 100 + 100).map((task) => task.taskArn ?? '')));
  serveEcs(tasks);
  const result = await observer.observe(spec([web]), identity);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.is(result.right.tasks.length, 250);
  t.deepEqual(
    ecsMock.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input.tasks?.length),
    [100, 100, 50],
  );
  // 150 hosts (this host is one of them): two calls, every ARN once.
  const described = ecsMock
    .commandCalls(DescribeContainerInstancesCommand)
    .map((c) => c.args[0].input.containerInstances ?? []);
  t.deepEqual(
    described.map((arns) => arns.length),
    [100, 50],
  );
  t.is(new Set(described.flat()).size, 150);
});

test.serial('keeps only the tasks of configured services, by family or by service group', async (t) => {
  const tasks = [
    sdkTask(1),
    sdkTask(2, { taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/other:1' }),
    sdkTask(3, {
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/api-td:4',
      group: 'service:api',
    }),
  ];
  listPages([tasks.map((task) => task.taskArn ?? '')]);
  serveEcs(tasks);
  elbMock
    .on(DescribeLoadBalancersCommand)
    .resolves({ LoadBalancerDescriptions: [lbDescription('web-lb'), lbDescription('api-lb')] });
  const result = await observer.observe(spec([web, api]), identity);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.deepEqual(
    result.right.tasks.map((task) => [task.taskArn, task.family]),
    [
      [taskArnOf(1), 'web'],
      [taskArnOf(3), 'api-td'],
    ],
  );
  // All load balancers in one call.
  t.is(elbMock.commandCalls(DescribeLoadBalancersCommand).length, 1);
  t.deepEqual(elbMock.commandCalls(DescribeLoadBalancersCommand)[0]?.args[0].input.LoadBalancerNames, [
    'web-lb',
    'api-lb',
  ]);
});

test.serial('reports the status of every host, DRAINING included', async (t) => {
  const tasks = [sdkTask(1, { containerInstanceArn: hostArn(3) })];
  listPages([[taskArnOf(1)]]);
  serveEcs(tasks);
  const result = await observer.observe(spec([web]), identity);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.is(result.right.hostStatuses?.[hostArn(3)], 'DRAINING');
});

test.serial('leaves out bindings that are not bound yet', async (t) => {
  const task = sdkTask(1, {
    containers: [
      {
        name: 'app',
        networkBindings: [
          { containerPort: 8080, protocol: 'tcp' },
          { containerPort: 9090, hostPort: 0 },
        ],
      },
    ],
  });
  listPages([[taskArnOf(1)]]);
  serveEcs([task]);
  const result = await observer.observe(spec([web]), identity);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.deepEqual(result.right.tasks[0]?.containers, [{ name: 'app', networkBindings: [] }]);
});

test.serial('a task ECS cannot describe fails the observation', async (t) => {
  listPages([[taskArnOf(1), taskArnOf(2)]]);
  ecsMock
    .on(DescribeTasksCommand)
    .resolves({ tasks: [sdkTask(1)], failures: [{ arn: taskArnOf(2), reason: 'MISSING' }] });
  const result = await observer.observe(spec([web]), identity);
  if (E.isRight(result)) return t.fail('expected a Left');
  t.like(result.left, { operation: 'DescribeTasks', code: 'PartialRead', type: 'transient' });
  t.regex(result.left.message, /t2: MISSING/);
});

test.serial('a failed ListTasks page fails the observation, never "no tasks"', async (t) => {
  ecsMock
    .on(ListTasksCommand)
    .resolvesOnce({ taskArns: [taskArnOf(1)], nextToken: 'p1' })
    .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
  serveEcs([sdkTask(1)]);
  const result = await observer.observe(spec([web]), identity);
  if (E.isRight(result)) return t.fail('expected a Left');
  t.like(result.left, {
    service: 'ecs',
    operation: 'ListTasks',
    code: 'ThrottlingException',
    type: 'throttled',
    resource: CLUSTER,
  });
});

test.serial(
  'describeTasks reads only the named tasks, in one DescribeTasks call, with no ELB call',
  async (t) => {
    serveEcs([sdkTask(1), sdkTask(2)]);
    const result = await observer.describeTasks(CLUSTER, [taskArn(taskArnOf(2))]);
    if (E.isLeft(result)) return t.fail(result.left.message);
    t.deepEqual(
      result.right.map((task) => [task.taskArn, task.healthStatus, task.startedAt]),
      [[taskArnOf(2), 'HEALTHY', 1_700_000_002_000]],
    );
    t.deepEqual(
      ecsMock.calls().map((c) => c.args[0].constructor.name),
      ['DescribeTasksCommand'],
    );
    t.is(elbMock.calls().length, 0);
  },
);

test.serial('describeTasks fails when ECS cannot describe a task', async (t) => {
  ecsMock
    .on(DescribeTasksCommand)
    .resolves({ tasks: [], failures: [{ arn: taskArnOf(9), reason: 'MISSING' }] });
  const result = await observer.describeTasks(CLUSTER, [taskArn(taskArnOf(9))]);
  t.true(E.isLeft(result) && result.left.code === 'PartialRead');
});
