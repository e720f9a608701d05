import test from 'ava';
import { taskArn, tasksToDescribe, withDescribedTasks } from '../src/index.js';
import { HOST_B, NOW, observation, service, spec, task } from './builders.js';

/** A task as withHostTasks leaves one the last observation had not seen: no health, start time or group. */
const unseen = (arn: string, hostPort: number) => {
  const { startedAt: _startedAt, ...rest } = task({ arn, ports: hostPort });
  return rest;
};

test('a described task takes health, start time and group from ECS and keeps the host statuses and bindings', (t) => {
  const local = { ...unseen('task/new', 32769), lastStatus: 'RUNNING' };
  const fromEcs = {
    ...task({
      arn: 'task/new',
      ports: 40000,
      group: 'service:web',
      healthStatus: 'HEALTHY',
      startedAt: NOW - 60_000,
    }),
    lastStatus: 'PENDING',
    containers: [{ name: 'app', networkBindings: [], healthStatus: 'HEALTHY' as const }],
  };
  const result = withDescribedTasks(observation({ tasks: [local] }), [fromEcs]);
  t.deepEqual(result.tasks, [
    {
      ...local,
      healthStatus: 'HEALTHY',
      group: 'service:web',
      startedAt: NOW - 60_000,
      containers: [
        {
          name: 'app',
          networkBindings: [{ containerPort: 8080, hostPort: 32769, protocol: 'tcp' }],
          healthStatus: 'HEALTHY',
        },
      ],
    },
  ]);
});

test("tasks ECS did not describe, and other hosts' tasks, stay as they were", (t) => {
  const old = task({ arn: 'task/old', healthStatus: 'HEALTHY', desiredStatus: 'STOPPED' });
  const elsewhere = task({ arn: 'task/b', host: HOST_B });
  const described = { ...task({ arn: 'task/b', host: HOST_B }), healthStatus: 'UNHEALTHY' as const };
  const result = withDescribedTasks(observation({ tasks: [old, elsewhere] }), [described]);
  t.deepEqual(result.tasks, [old, elsewhere]);
});

test('a task ECS now reports UNHEALTHY loses the health the last observation had', (t) => {
  const known = task({ arn: 'task/1', healthStatus: 'HEALTHY' });
  const result = withDescribedTasks(observation({ tasks: [known] }), [
    { ...known, healthStatus: 'UNHEALTHY' },
  ]);
  t.deepEqual(result.tasks, [{ ...known, healthStatus: 'UNHEALTHY' }]);
});

test('only running tasks of this host whose health or start time is not known, of node-port services', (t) => {
  const s = spec([service({ nodePort: 30080 }), service({ serviceName: 'api', family: 'api' })]);
  const tasks = [
    task({ arn: 'task/healthy', healthStatus: 'HEALTHY' }),
    unseen('task/new', 32769),
    task({ arn: 'task/pending', healthStatus: 'UNKNOWN' }),
    task({ arn: 'task/failing', healthStatus: 'UNHEALTHY' }),
    task({ arn: 'task/stopping', desiredStatus: 'STOPPED' }),
    task({ arn: 'task/elsewhere', host: HOST_B }),
    task({ arn: 'task/api', family: 'api' }),
  ];
  t.deepEqual(tasksToDescribe(s, observation({ tasks })), [
    taskArn('task/new'),
    taskArn('task/pending'),
    taskArn('task/failing'),
  ]);
});

test('a service known by its group: a task whose group is not known yet may be one of its tasks', (t) => {
  const s = spec([service({ family: undefined, nodePort: 30080 })]);
  const tasks = [
    task({ arn: 'task/other', group: 'service:other' }),
    task({ arn: 'task/mine', group: 'service:web' }),
    unseen('task/new', 32769),
  ];
  t.deepEqual(tasksToDescribe(s, observation({ tasks })), [taskArn('task/mine'), taskArn('task/new')]);
});
