import type { LocalTask } from '@statika/aws';
import type { ForwardingRule, Observation } from '@statika/core';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { defer, map, of } from 'rxjs';
import type { Ports } from '../../src/pipeline/ports.js';
import {
  configurationText,
  controllerOptions,
  type FakeWorld,
  fakePorts,
  fakeWorld,
  fileRead,
  identity,
  loadBalancer,
  task,
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
  };
};

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
        const tasks = world.local.map((l) => ({
          ...task('web', l.containers[0]?.ports[0]?.hostPort ?? 0),
          desiredStatus: l.desiredStatus,
        }));
        world.aws.observation = { ...world.aws.observation, tasks };
        return aws.observe(spec, id).pipe(map(E.map((o) => ({ ...o, forwarding: [...world.rules] }))));
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
  runController((s) => controllerOptions(ports(world), s), 10_000, script);

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
