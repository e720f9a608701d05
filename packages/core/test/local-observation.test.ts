import test from 'ava';
import { type HostTask, taskArn, withHostTasks } from '../src/index.js';
import { HOST_A, HOST_B, NOW, observation, task } from './builders.js';

const hostTask = (arn: string, hostPort: number, desiredStatus = 'RUNNING'): HostTask => ({
  taskArn: taskArn(arn),
  family: 'web',
  lastStatus: 'RUNNING',
  desiredStatus,
  containers: [{ name: 'app', networkBindings: [{ containerPort: 8080, hostPort, protocol: 'tcp' }] }],
});

test("a known task keeps its health and start time and takes the host's statuses", (t) => {
  const known = task({ arn: 'task/1', healthStatus: 'HEALTHY', startedAt: NOW - 1000 });
  const result = withHostTasks(observation({ tasks: [known] }), [hostTask('task/1', 32768, 'STOPPED')]);
  t.deepEqual(result.tasks, [{ ...known, desiredStatus: 'STOPPED' }]);
});

test('a task the last observation has not seen is not ready: unknown health, no start time', (t) => {
  const result = withHostTasks(observation({ tasks: [] }), [hostTask('task/new', 32769)]);
  t.deepEqual(result.tasks, [
    {
      taskArn: taskArn('task/new'),
      family: 'web',
      containerInstanceArn: HOST_A.containerInstanceArn,
      instanceId: HOST_A.instanceId,
      healthStatus: 'UNKNOWN',
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      containers: [
        { name: 'app', networkBindings: [{ containerPort: 8080, hostPort: 32769, protocol: 'tcp' }] },
      ],
    },
  ]);
});

test("a task the host no longer reports is gone; other hosts' tasks stay as they were", (t) => {
  const elsewhere = task({ arn: 'task/b', host: HOST_B });
  const result = withHostTasks(observation({ tasks: [task({ arn: 'task/1' }), elsewhere] }), []);
  t.deepEqual(result.tasks, [elsewhere]);
});
