import test from 'ava';
import { deploymentBounds, oldTasksToStop, surplusTasks } from '../src/deployment.js';
import type { SimTask } from '../src/task.js';

const task = (arn: string, revision: number, healthy: boolean, startedAt: number): SimTask => ({
  taskArn: arn,
  family: 'web',
  revision,
  taskDefinitionArn: `web:${revision}`,
  containerInstanceArn: 'ci',
  instanceId: 'i-1',
  serviceName: 'web',
  group: 'service:web',
  lastStatus: healthy ? 'RUNNING' : 'PENDING',
  desiredStatus: 'RUNNING',
  healthStatus: 'UNKNOWN',
  createdAt: startedAt,
  startedAt,
  containers: [],
  version: 1,
});

test('bounds: maximumPercent rounds down, minimumHealthyPercent rounds up, never below the desired count', (t) => {
  t.deepEqual(deploymentBounds(3, 50, 150), { maxTotal: 4, minHealthy: 2 });
  t.deepEqual(deploymentBounds(1, 100, 200), { maxTotal: 2, minHealthy: 1 });
  t.deepEqual(deploymentBounds(2, 100, 100), { maxTotal: 2, minHealthy: 2 });
  t.deepEqual(deploymentBounds(0, 100, 200), { maxTotal: 0, minHealthy: 0 });
});

test('a healthy old task stops only when enough healthy tasks remain without it', (t) => {
  const old = task('old', 1, true, 1);
  const fresh = task('new', 2, false, 2);
  const isCurrent = (x: SimTask) => x.revision === 2;
  t.deepEqual(oldTasksToStop([old, fresh], isCurrent, 1), []);
  const healthyFresh = task('new', 2, true, 2);
  t.deepEqual(oldTasksToStop([old, healthyFresh], isCurrent, 1), [old]);
});

test('old tasks that are not healthy always stop; healthy ones up to the minimum', (t) => {
  const isCurrent = (x: SimTask) => x.revision === 2;
  const pending = task('old-pending', 1, false, 5);
  const oldA = task('old-a', 1, true, 1);
  const oldB = task('old-b', 1, true, 2);
  const stops = oldTasksToStop([oldA, oldB, pending], isCurrent, 1);
  t.deepEqual(
    stops.map((x) => x.taskArn),
    ['old-pending', 'old-b'],
  );
});

test('a scale down stops the surplus, not-healthy and newest first', (t) => {
  const a = task('a', 1, true, 1);
  const b = task('b', 1, true, 2);
  const c = task('c', 1, false, 3);
  t.deepEqual(
    surplusTasks([a, b, c], 1).map((x) => x.taskArn),
    ['c', 'b'],
  );
  t.deepEqual(surplusTasks([a], 1), []);
});
