import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import type { SimEvent } from '../src/sim-event.js';
import { HOST_A, HOST_B, hostPortOf, running, twoHostSpec, virtualWorld } from './fixtures.js';

const healthCheck = (target: string) => ({
  target,
  interval: 5,
  timeout: 2,
  unhealthyThreshold: 2,
  healthyThreshold: 3,
});

/** Points web-elb's health check and listener at the web task's port, as Statika would. */
const pointWebElbAtTask = (world: ReturnType<typeof virtualWorld>['world']) => {
  const port = hostPortOf(running(world, 'web')[0]!)!;
  const elb = world.internals.elb;
  elb.configureHealthCheck('web-elb', healthCheck(`HTTP:${port}/health`));
  elb.deleteListeners('web-elb', [80]);
  elb.createListeners('web-elb', [
    { protocol: 'HTTP', loadBalancerPort: 80, instancePort: port, policyNames: [] },
  ]);
  return port;
};

test('an instance whose health check port has no task stays OutOfService and probes fail', (t) => {
  const { world, clock } = virtualWorld();
  t.deepEqual(
    world.instanceHealth('web-elb').map((h) => h.state),
    ['OutOfService'],
  );
  clock.advance(60_000);
  t.deepEqual(
    world.instanceHealth('web-elb').map((h) => [h.instanceId, h.state, h.reasonCode]),
    [[HOST_A, 'OutOfService', 'Instance']],
  );
  t.false(world.probe('web-elb', 80));
});

test('an instance turns InService after HealthyThreshold passing checks, one Interval apart', (t) => {
  const { world, clock } = virtualWorld();
  pointWebElbAtTask(world);
  clock.advance(10_000);
  t.is(world.instanceHealth('web-elb')[0]?.state, 'OutOfService', 'two passes are not enough');
  t.false(world.probe('web-elb', 80));
  clock.advance(5000);
  t.is(world.instanceHealth('web-elb')[0]?.state, 'InService');
  t.true(world.probe('web-elb', 80));
  t.false(world.probe('web-elb', 443), 'no listener on 443');
});

test('an InService instance turns OutOfService after UnhealthyThreshold failing checks', (t) => {
  const { world, clock } = virtualWorld();
  const port = pointWebElbAtTask(world);
  clock.advance(15_000);
  t.is(world.instanceHealth('web-elb')[0]?.state, 'InService');
  world.internals.elb.configureHealthCheck('web-elb', healthCheck(`HTTP:${port + 100}/health`));
  clock.advance(5000);
  t.is(world.instanceHealth('web-elb')[0]?.state, 'InService', 'one failure is not enough');
  clock.advance(5000);
  t.is(world.instanceHealth('web-elb')[0]?.state, 'OutOfService');
  t.false(world.probe('web-elb', 80));
});

test('a task that has a health check but is not HEALTHY fails the ELB check', (t) => {
  const { world, clock } = virtualWorld(twoHostSpec({ settled: false }));
  clock.advance(1000);
  const port = hostPortOf(running(world, 'web')[0]!)!;
  world.internals.elb.configureHealthCheck('web-elb', healthCheck(`HTTP:${port}/health`));
  clock.advance(2999);
  t.is(running(world, 'web')[0]?.healthStatus, 'UNKNOWN');
  t.is(world.instanceHealth('web-elb')[0]?.state, 'OutOfService');
  clock.advance(15_000);
  t.is(world.instanceHealth('web-elb')[0]?.state, 'InService');
});

test('a settled world starts a passing registered instance InService; a newly registered one starts OutOfService', (t) => {
  const spec = twoHostSpec();
  const { world, clock } = virtualWorld({
    ...spec,
    loadBalancers: [{ ...spec.loadBalancers[0]!, healthCheck: healthCheck('HTTP:32768/health') }],
  });
  t.is(world.instanceHealth('web-elb')[0]?.state, 'InService');
  const events: SimEvent[] = [];
  world.onEvent((e) => events.push(e));
  world.internals.elb.register('web-elb', [HOST_B]);
  t.deepEqual(
    world.instanceHealth('web-elb').map((h) => [h.instanceId, h.state]),
    [
      [HOST_A, 'InService'],
      [HOST_B, 'OutOfService'],
    ],
  );
  clock.advance(20_000);
  t.is(world.instanceHealth('web-elb')[1]?.state, 'OutOfService', 'no task on host B');
  t.true(
    events.some(
      (e) => e.type === 'loadBalancerChanged' && e.operation === 'RegisterInstancesWithLoadBalancer',
    ),
  );
});

test('probe follows a rolling deploy only once the listener moves to the new port', (t) => {
  const { world, clock } = virtualWorld();
  const oldPort = pointWebElbAtTask(world);
  clock.advance(15_000);
  t.true(world.probe('web-elb', 80));
  world.deploy('web');
  clock.advance(4000);
  t.true(world.probe('web-elb', 80), 'the old task still runs during its stop timeout');
  clock.advance(10_000);
  t.false(world.probe('web-elb', 80), 'the old task is gone, the listener still points at it');
  const newPort = pointWebElbAtTask(world);
  t.not(newPort, oldPort);
  clock.advance(15_000);
  t.true(world.probe('web-elb', 80));
});

test('load balancer changes are events with before and after', (t) => {
  const { world } = virtualWorld();
  const events: SimEvent[] = [];
  world.onEvent((e) => events.push(e));
  world.internals.elb.configureHealthCheck('web-elb', healthCheck('TCP:32768'));
  world.internals.elb.configureHealthCheck('web-elb', healthCheck('TCP:32768'));
  t.is(events.length, 1, 'a change that changes nothing is no event');
  const [event] = events;
  t.is(event?.type, 'loadBalancerChanged');
  if (event?.type === 'loadBalancerChanged') {
    t.is(event.before.healthCheck.target, 'HTTP:32000/health');
    t.is(event.after.healthCheck.target, 'TCP:32768');
    t.is(event.after.name, 'web-elb');
  }
});

test('a refused change leaves the load balancer as it was', (t) => {
  const { world } = virtualWorld();
  const before = world.loadBalancer('web-elb');
  const result = world.internals.elb.createListeners('web-elb', [
    { protocol: 'TCP', loadBalancerPort: 9000, instancePort: 1, policyNames: [] },
    { protocol: 'HTTP', loadBalancerPort: 80, instancePort: 2, policyNames: [] },
  ]);
  t.true(E.isLeft(result));
  t.deepEqual(world.loadBalancer('web-elb'), before);
});

test("a host's port forward (a node-port rule) is what health checks and probes reach", (t) => {
  const { world, clock } = virtualWorld();
  const port = hostPortOf(running(world, 'web')[0]!)!;
  const elb = world.internals.elb;
  elb.configureHealthCheck('web-elb', healthCheck('HTTP:30080/health'));
  elb.deleteListeners('web-elb', [80]);
  elb.createListeners('web-elb', [
    { protocol: 'HTTP', loadBalancerPort: 80, instancePort: 30080, policyNames: [] },
  ]);
  clock.advance(60_000);
  t.false(world.probe('web-elb', 80), 'nothing listens on 30080 without a forward');
  world.setPortForwards(HOST_A, [{ port: 30080, to: port }]);
  clock.advance(60_000);
  t.deepEqual(
    world.instanceHealth('web-elb').map((h) => h.state),
    ['InService'],
  );
  t.true(world.probe('web-elb', 80));
  world.setPortForwards(HOST_A, []);
  t.false(world.probe('web-elb', 80), 'the forward removed, the port answers no more');
});
