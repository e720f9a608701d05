import {
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { ConfigurationFile, withConfigurationDefaults } from '@statika/core';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { hostArn, identity, lbDescription, sdkTask, spec, taskArnOf, web } from './fixtures.js';
import { mockedObserver } from './observer-fixtures.js';

/**
 * An observation cut off by throttling goes on from where it stopped, as long as its reads are no older
 * than `partialReadsMaxAgeMs` allows for what they found.
 */

let now = 0;
/** A fresh observer for each test: what one keeps must not leak into the next. */
let mocked = mockedObserver({ now: () => now });

const throttled = (name = 'ThrottlingException') =>
  Object.assign(new Error('Rate exceeded'), { name, $metadata: { httpStatusCode: 400 } });

/** 250 tasks, each on a host of its own (a fleet of daemon tasks): 3 ListTasks pages (tokens p1, p2), 3 DescribeTasks. */
const tasks = Array.from({ length: 250 }, (_, i) => sdkTask(i, { containerInstanceArn: hostArn(i) }));
const pageOf = (token: string | undefined) => (token === undefined ? 0 : Number(token.slice(1)));

/** ListTasks by token; `throttle` names the pages that are throttled, once each. */
const listTasks = (throttle: readonly number[] = []) => {
  const pending = new Set(throttle);
  mocked.ecsMock.on(ListTasksCommand).callsFake((input: { nextToken?: string }) => {
    const page = pageOf(input.nextToken);
    if (pending.delete(page)) throw throttled();
    return {
      taskArns: tasks.slice(page * 100, page * 100 + 100).map((t) => t.taskArn ?? ''),
      ...(page < 2 ? { nextToken: `p${page + 1}` } : {}),
    };
  });
};

/** DescribeTasks of the batch that starts with task 100 fails once with `error`. */
const failSecondBatchOnce = (error: Error) => {
  const byArn = new Map(tasks.map((task) => [task.taskArn, task]));
  let failed = false;
  mocked.ecsMock.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => {
    if (!failed && input.tasks[0] === taskArnOf(100)) {
      failed = true;
      throw error;
    }
    return { tasks: input.tasks.map((arn) => byArn.get(arn)), failures: [] };
  });
};

const calls = () => ({
  listTasks: mocked.ecsMock.commandCalls(ListTasksCommand).map((c) => c.args[0].input.nextToken ?? 'first'),
  describeTasks: mocked.ecsMock.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input.tasks?.[0]),
  describeContainerInstances: mocked.ecsMock.commandCalls(DescribeContainerInstancesCommand).length,
});

test.beforeEach(() => {
  now = 0;
  mocked = mockedObserver({ now: () => now });
  mocked.reset();
  mocked.serveEcs(tasks);
});

test.serial('a throttled ListTasks page is read again from that page, not from the first', async (t) => {
  listTasks([2]);
  const first = await mocked.observer.observe(spec([web]), identity);
  t.is(E.isLeft(first) && first.left.type, 'throttled');
  t.deepEqual(calls(), {
    listTasks: ['first', 'p1', 'p2'],
    describeTasks: [],
    describeContainerInstances: 0,
  });
  mocked.ecsMock.resetHistory();
  now = 3000;
  const second = await mocked.observer.observe(spec([web]), identity);
  if (E.isLeft(second)) return t.fail(second.left.message);
  t.is(second.right.clusterSize?.tasks, 250);
  t.is(second.right.tasks.length, 250);
  t.deepEqual(calls(), {
    listTasks: ['p2'],
    describeTasks: [taskArnOf(0), taskArnOf(100), taskArnOf(200)],
    describeContainerInstances: 3,
  });
});

test.serial('a throttled DescribeTasks batch resumes at that batch; the tasks described stay', async (t) => {
  listTasks();
  failSecondBatchOnce(throttled());
  const first = await mocked.observer.observe(spec([web]), identity);
  t.true(E.isLeft(first));
  mocked.ecsMock.resetHistory();
  now = 10_000;
  const second = await mocked.observer.observe(spec([web]), identity);
  if (E.isLeft(second)) return t.fail(second.left.message);
  t.deepEqual(
    second.right.tasks.map((task) => task.taskArn),
    tasks.map((task) => task.taskArn),
  );
  t.deepEqual(calls(), {
    listTasks: [],
    describeTasks: [taskArnOf(100), taskArnOf(200)],
    describeContainerInstances: 3,
  });
});

/** Throttled at the third page, 200 tasks listed: taken as 200 agents making 5 ECS reads each, 8 a second. */
const ROUND_MS = (200 * 5 * 1000) / 8;

test.serial('reads are kept for one round of the fleet budget for the cluster they found', async (t) => {
  listTasks([2]);
  t.true(E.isLeft(await mocked.observer.observe(spec([web]), identity)));
  mocked.ecsMock.resetHistory();
  now = ROUND_MS;
  t.true(E.isRight(await mocked.observer.observe(spec([web]), identity)));
  t.deepEqual(calls().listTasks, ['p2']);
});

test.serial('reads kept longer than that are dropped: the observation starts over', async (t) => {
  listTasks([2]);
  t.true(E.isLeft(await mocked.observer.observe(spec([web]), identity)));
  mocked.ecsMock.resetHistory();
  now = ROUND_MS + 1;
  t.true(E.isRight(await mocked.observer.observe(spec([web]), identity)));
  t.deepEqual(calls().listTasks, ['first', 'p1', 'p2']);
});

test.serial(
  'a first page throttled keeps nothing; reads are kept from the attempt that made them',
  async (t) => {
    listTasks([0, 1]);
    t.true(E.isLeft(await mocked.observer.observe(spec([web]), identity)));
    now = 60_000;
    // Read again from the first page (nothing was kept), which is in; the second is throttled: 100
    // tasks known, 3 reads each, kept from t=60 s.
    t.true(E.isLeft(await mocked.observer.observe(spec([web]), identity)));
    t.deepEqual(calls().listTasks, ['first', 'first', 'p1']);
    mocked.ecsMock.resetHistory();
    now = 60_000 + (100 * 3 * 1000) / 8;
    t.true(E.isRight(await mocked.observer.observe(spec([web]), identity)));
    t.deepEqual(calls().listTasks, ['p1', 'p2']);
  },
);

test.serial('a failure other than throttling keeps nothing: the next observation starts over', async (t) => {
  listTasks();
  failSecondBatchOnce(
    Object.assign(new Error('no'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }),
  );
  t.true(E.isLeft(await mocked.observer.observe(spec([web]), identity)));
  mocked.ecsMock.resetHistory();
  t.true(E.isRight(await mocked.observer.observe(spec([web]), identity)));
  t.deepEqual(calls().listTasks, ['first', 'p1', 'p2']);
});

test.serial('after a complete observation the next one reads everything again', async (t) => {
  listTasks();
  t.true(E.isRight(await mocked.observer.observe(spec([web]), identity)));
  mocked.ecsMock.resetHistory();
  now = 1000;
  t.true(E.isRight(await mocked.observer.observe(spec([web]), identity)));
  t.deepEqual(calls(), {
    listTasks: ['first', 'p1', 'p2'],
    describeTasks: [taskArnOf(0), taskArnOf(100), taskArnOf(200)],
    describeContainerInstances: 3,
  });
});

test.serial(
  'ELB throttled: the ECS reads, all made, are kept and only the load balancers read again',
  async (t) => {
    listTasks();
    mocked.elbMock.on(DescribeLoadBalancersCommand).rejectsOnce(throttled('Throttling'));
    const first = await mocked.observer.observe(spec([web]), identity);
    t.is(E.isLeft(first) && first.left.service, 'elb');
    mocked.ecsMock.resetHistory();
    mocked.elbMock.resetHistory();
    mocked.elbMock
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancerDescriptions: [lbDescription('web-lb')] });
    now = 2000;
    const second = await mocked.observer.observe(spec([web]), identity);
    if (E.isLeft(second)) return t.fail(second.left.message);
    t.is(second.right.loadBalancers.length, 1);
    t.deepEqual(calls(), { listTasks: [], describeTasks: [], describeContainerInstances: 0 });
    t.is(mocked.elbMock.commandCalls(DescribeLoadBalancersCommand).length, 1);
  },
);

test.serial('kept reads of another cluster are never used', async (t) => {
  listTasks([1]);
  t.true(E.isLeft(await mocked.observer.observe(spec([web]), identity)));
  mocked.ecsMock.resetHistory();
  const file = ConfigurationFile.decode({ cluster: 'other', sleepTimeSeconds: 10 });
  if (E.isLeft(file)) return t.fail('bad configuration');
  const moved = { ...spec([web]), configuration: withConfigurationDefaults(file.right) };
  t.true(E.isRight(await mocked.observer.observe(moved, identity)));
  t.deepEqual(calls().listTasks, ['first', 'p1', 'p2']);
  t.is(mocked.ecsMock.commandCalls(ListTasksCommand)[0]?.args[0].input.cluster, 'other');
});
