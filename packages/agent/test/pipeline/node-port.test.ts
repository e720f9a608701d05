import type { Failure, LocalTask } from '@statika/aws';
import type { ForwardingRule, Observation, Task } from '@statika/core';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { defer, map, of } from 'rxjs';
import type { Ports } from '../../src/pipeline/ports.js';
import {
  awsError,
  configurationText,
  type FakeWorld,
  fakePorts,
  fakeWorld,
  fileRead,
  identity,
  loadBalancer,
  task,
  testDependencies,
} from './fixtures.js';
import { at, runController } from './timeline.js';

/** Node-port mode on TestScheduler time: `web` on node port 30080, its load balancer already there. */
const NODE_PORT = 30080;
const services = JSON.stringify([
  {
    serviceName: 'web',
    family: 'web',
    exposedContainerName: 'app',
    loadBalancerName: 'web-lb',
    nodePort: NODE_PORT,
  },
]);

const localTask = (hostPort: number, desiredStatus = 'RUNNING'): LocalTask => ({
  arn: task('web', hostPort).taskArn,
  family: 'web',
  desiredStatus,
  knownStatus: 'RUNNING',
  containers: [{ name: 'app', ports: [{ containerPort: 8080, hostPort, protocol: 'tcp' }] }],
});

interface NodePortWorld {
  readonly aws: FakeWorld;
  rules: readonly ForwardingRule[];
  local: readonly LocalTask[];
  /** The host ports of the tasks ECS reports HEALTHY (the others: UNKNOWN). */
  healthy: readonly number[];
  /** The service's tasks on other hosts, as ECS reports them. */
  elsewhere: readonly Task[];
  /** DescribeTasks fails with this error. */
  failDescribe?: Failure;
}

const nodePortWorld = (): NodePortWorld => {
  const observation: Observation = {
    host: { ...identity, status: 'ACTIVE' },
    tasks: [task('web', 32768)],
    loadBalancers: [loadBalancer('web-lb', NODE_PORT)],
  };
  return {
    // A resync every 60 s: nothing but the local watch triggers a reconcile in these tests.
    aws: fakeWorld({
      observation,
      configuration: fileRead(configurationText(60)),
      services: fileRead(services),
    }),
    rules: [{ nodePort: NODE_PORT, hostPort: 32768 }],
    local: [localTask(32768)],
    healthy: [],
    elsewhere: [],
  };
};

/** The host's tasks as ECS reports them: the ECS agent's statuses, and the health ECS knows. */
const ecsTasks = (world: NodePortWorld): Task[] => [
  ...world.local.map((l) => {
    const hostPort = l.containers[0]?.ports[0]?.hostPort ?? 0;
    return {
      ...task('web', hostPort),
      desiredStatus: l.desiredStatus,
      healthStatus: world.healthy.includes(hostPort) ? ('HEALTHY' as const) : ('UNKNOWN' as const),
    };
  }),
  ...world.elsewhere,
];

/**
 * The fake AWS plus a fake kernel and ECS agent. The AWS observation sees the host's tasks as the ECS
 * agent reports them, and (as `toPorts` does with a host driver) the kernel's rules.
 */
const ports = (world: NodePortWorld): Ports => {
  const aws = fakePorts(world.aws);
  return {
    ...aws,
    observe: (spec, id) =>
      defer(() => {
        world.aws.observation = { ...world.aws.observation, tasks: ecsTasks(world) };
        return aws.observe(spec, id).pipe(map(E.map((o) => ({ ...o, forwarding: [...world.rules] }))));
      }),
    describeTasks: (_cluster, arns) =>
      defer(() => {
        world.aws.calls.push(`describeTasks ${arns.length}`);
        if (world.failDescribe !== undefined) return of(E.left(world.failDescribe));
        return of(E.right(ecsTasks(world).filter((t) => arns.includes(t.taskArn))));
      }),
    forwarding: {
      read: () => defer(() => of(E.right(world.rules))),
      replace: (rules) =>
        defer(() => {
          world.aws.calls.push(`forward ${rules.map((r) => `${r.nodePort}->${r.hostPort}`).join(',')}`);
          world.rules = rules;
          return of(E.right(undefined));
        }),
    },
    localTasks: () => defer(() => of(E.right(world.local))),
  };
};

const run = (world: NodePortWorld, script: Parameters<typeof runController>[2]) =>
  runController((s) => testDependencies(ports(world), s), 10_000, script);

test('a deploy on a host that stays registered swaps the forwarding rule locally, with no AWS call', (t) => {
  const world = nodePortWorld();
  const { lines } = run(world, (scheduler) => {
    at(scheduler, 2500, () => {
      world.local = [localTask(32768), localTask(32769)];
    });
    at(scheduler, 4500, () => {
      world.local = [localTask(32768, 'STOPPED'), localTask(32769)];
    });
  });
  t.deepEqual(lines, [
    '0 tick startup',
    '0 file configuration loaded',
    '0 file services loaded',
    '0 observed',
    '0 reconciled startup ok',
    '3000 tick local-change',
    '3000 local-plan local',
    '3000 reconciled local-change ok',
    '5000 tick local-change',
    '5000 local-plan local',
    '5000 applied forwarding 30080->32769',
    '5000 reconciled local-change ok',
  ]);
  t.deepEqual(world.aws.calls, ['observe', 'forward 30080->32769']);
});

test('a host whose last task is stopping observes AWS afresh and leaves the load balancer', (t) => {
  const world = nodePortWorld();
  const { lines } = run(world, (scheduler) => {
    at(scheduler, 2500, () => {
      world.local = [localTask(32768, 'STOPPED')];
    });
  });
  t.deepEqual(lines.slice(5), [
    '3000 tick local-change',
    '3000 local-plan observe',
    '3000 observed',
    '3000 applied deregister web-lb',
    '3000 reconciled local-change ok',
  ]);
});

test('without node-port services a local change reconciles as before (no local plan)', (t) => {
  const world = nodePortWorld();
  world.aws.services = fileRead(
    JSON.stringify([
      { serviceName: 'web', family: 'web', exposedContainerName: 'app', loadBalancerName: 'web-lb' },
    ]),
  );
  const { lines } = run(world, (scheduler) => {
    at(scheduler, 2500, () => {
      world.local = [localTask(32768), localTask(32769)];
    });
  });
  t.false(lines.some((l) => l.includes('local-plan')));
  t.true(lines.includes('3000 observed'));
});

/**
 * A deploy of a health-checked service (another host's task reports HEALTHY, so UNKNOWN means "pending"):
 * ECS reports both tasks here HEALTHY, the last observation saw only the old one.
 */
const healthCheckedDeploy = (world: NodePortWorld): Parameters<typeof run>[1] => {
  world.healthy = [32768, 32769];
  world.elsewhere = [{ ...task('web', 32800, false), healthStatus: 'HEALTHY' }];
  return (scheduler) => {
    at(scheduler, 2500, () => {
      world.local = [localTask(32768), localTask(32769)];
    });
    at(scheduler, 4500, () => {
      world.local = [localTask(32768, 'STOPPED'), localTask(32769)];
    });
  };
};

test('a health-checked deploy reads the new task from ECS alone (one DescribeTasks, no ELB call) and swaps the rule', (t) => {
  const world = nodePortWorld();
  const { lines } = run(world, healthCheckedDeploy(world));
  t.deepEqual(lines.slice(5), [
    '3000 tick local-change',
    '3000 local-plan local',
    '3000 reconciled local-change ok',
    '5000 tick local-change',
    '5000 local-plan local',
    '5000 applied forwarding 30080->32769',
    '5000 reconciled local-change ok',
  ]);
  t.deepEqual(world.aws.calls, ['observe', 'describeTasks 1', 'forward 30080->32769']);
});

test('a failed DescribeTasks falls back to a full reconcile, which swaps the rule on a fresh observation', (t) => {
  const world = nodePortWorld();
  world.failDescribe = awsError('ThrottlingException', true);
  const { lines } = run(world, healthCheckedDeploy(world));
  t.deepEqual(lines.slice(8), [
    '5000 tick local-change',
    '5000 local-plan observe',
    '5000 observed',
    '5000 applied forwarding 30080->32769',
    '5000 reconciled local-change ok',
  ]);
  t.deepEqual(world.aws.calls, ['observe', 'describeTasks 1', 'observe', 'forward 30080->32769']);
});
