import test from 'ava';
import type { SimEvent } from '../src/sim-event.js';
import { HOST_A, HOST_B, hostPortOf, running, serviceTasks, twoHostSpec, virtualWorld } from './fixtures.js';

test('a settled world starts with its services RUNNING and HEALTHY on distinct dynamic ports', (t) => {
  const { world } = virtualWorld();
  const [web] = running(world, 'web');
  const [api] = running(world, 'api');
  t.is(web?.healthStatus, 'HEALTHY');
  t.is(api?.healthStatus, 'UNKNOWN');
  t.is(web?.group, 'service:web');
  t.is(hostPortOf(web!), 32768);
  t.is(hostPortOf(api!), 32769);
  t.is(serviceTasks(world, 'web').length, 1);
});

test('an unsettled world starts its tasks PENDING, without bindings, and runs them after the start delay', (t) => {
  const { world, clock } = virtualWorld(twoHostSpec({ settled: false }));
  const [web] = serviceTasks(world, 'web');
  t.is(web?.lastStatus, 'PENDING');
  t.deepEqual(web?.containers[0]?.networkBindings, []);
  t.is(web?.startedAt, undefined);
  clock.advance(1000);
  const [started] = serviceTasks(world, 'web');
  t.is(started?.lastStatus, 'RUNNING');
  t.is(started?.startedAt, clock.now());
  t.is(started?.healthStatus, 'UNKNOWN');
  clock.advance(3000);
  t.is(serviceTasks(world, 'web')[0]?.healthStatus, 'HEALTHY');
});

test('a rolling deploy keeps the old task running until the new one is healthy, then stops it', (t) => {
  const { world, clock } = virtualWorld();
  const [old] = running(world, 'web');
  t.is(world.deploy('web'), 2);
  const fresh = () => serviceTasks(world, 'web').find((task) => task.taskArn !== old?.taskArn);
  t.is(fresh()?.lastStatus, 'PENDING');
  clock.advance(1000);
  t.is(fresh()?.lastStatus, 'RUNNING');
  t.not(hostPortOf(fresh()!), hostPortOf(old!));
  const oldNow = () => world.tasks().find((task) => task.taskArn === old?.taskArn);
  t.is(oldNow()?.desiredStatus, 'RUNNING', 'old keeps running while the new one is not healthy yet');
  clock.advance(2999);
  t.is(oldNow()?.desiredStatus, 'RUNNING');
  clock.advance(1);
  t.is(fresh()?.healthStatus, 'HEALTHY');
  t.is(oldNow()?.desiredStatus, 'STOPPED', 'desiredStatus STOPPED first');
  t.is(oldNow()?.lastStatus, 'RUNNING', 'still running during the stop timeout');
  clock.advance(10_000);
  t.is(oldNow()?.lastStatus, 'STOPPED');
  t.deepEqual(oldNow()?.containers[0]?.networkBindings, []);
  t.true(fresh()?.taskDefinitionArn.endsWith('task-definition/web:2'));
});

test('a deploy with minimumHealthyPercent 0 stops the old task at once', (t) => {
  const spec = twoHostSpec();
  const { world } = virtualWorld({
    ...spec,
    services: spec.services.map((s) => (s.serviceName === 'web' ? { ...s, minimumHealthyPercent: 0 } : s)),
  });
  const [old] = running(world, 'web');
  world.deploy('web');
  t.is(world.tasks().find((task) => task.taskArn === old?.taskArn)?.desiredStatus, 'STOPPED');
});

test('a deploy whose tasks fail their health check leaves the old task serving and replaces the bad ones', (t) => {
  const { world, clock } = virtualWorld();
  const [old] = running(world, 'web');
  world.deploy('web', { unhealthy: true });
  clock.advance(4000);
  const stopped = serviceTasks(world, 'web').filter(
    (task) => task.stoppedReason === 'Task failed container health checks',
  );
  t.is(stopped.length, 1);
  t.is(world.tasks().find((task) => task.taskArn === old?.taskArn)?.desiredStatus, 'RUNNING');
  clock.advance(4000);
  t.true(serviceTasks(world, 'web').filter((task) => task.desiredStatus === 'STOPPED').length >= 2);
});

test('dynamic host ports are never reused while bound, and not handed out again at once when freed', (t) => {
  const { world, clock } = virtualWorld();
  world.scale('api', 3);
  clock.advance(1000);
  const ports = running(world, 'api').map(hostPortOf);
  t.deepEqual(ports.sort(), [32769, 32770, 32771]);
  world.scale('api', 0);
  clock.advance(5000);
  world.scale('api', 1);
  clock.advance(1000);
  t.deepEqual(running(world, 'api').map(hostPortOf), [32772]);
});

test('a static host port taken on every allowed host refuses placement and says so', (t) => {
  const spec = twoHostSpec();
  const { world } = virtualWorld({
    ...spec,
    taskDefinitions: [
      ...spec.taskDefinitions,
      {
        family: 'static',
        containers: [{ name: 's', portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
      },
    ],
    services: [...spec.services, { serviceName: 'static', family: 'static', desiredCount: 1 }],
  });
  const events: SimEvent[] = [];
  world.onEvent((e) => events.push(e));
  world.scale('static', 3);
  t.is(serviceTasks(world, 'static').filter((task) => task.desiredStatus === 'RUNNING').length, 2);
  t.deepEqual(
    serviceTasks(world, 'static')
      .map((task) => task.instanceId)
      .sort(),
    [HOST_A, HOST_B],
  );
  t.true(events.some((e) => e.type === 'placementFailed' && e.serviceName === 'static'));
});

test('draining a host replaces its tasks on an ACTIVE host before stopping them', (t) => {
  const spec = twoHostSpec();
  const { world, clock } = virtualWorld({
    ...spec,
    services: spec.services.map((s) => (s.serviceName === 'web' ? { ...s, placement: undefined } : s)),
  });
  const [old] = running(world, 'web');
  t.is(old?.instanceId, HOST_A);
  world.drain(HOST_A);
  t.is(world.hosts().find((h) => h.instanceId === HOST_A)?.status, 'DRAINING');
  const replacement = () => serviceTasks(world, 'web').find((task) => task.instanceId === HOST_B);
  t.is(replacement()?.lastStatus, 'PENDING');
  t.is(world.tasks().find((task) => task.taskArn === old?.taskArn)?.desiredStatus, 'RUNNING');
  clock.advance(4000);
  t.is(replacement()?.healthStatus, 'HEALTHY');
  t.is(world.tasks().find((task) => task.taskArn === old?.taskArn)?.desiredStatus, 'STOPPED');
  world.activate(HOST_A);
  t.is(world.hosts().find((h) => h.instanceId === HOST_A)?.status, 'ACTIVE');
});

test('scaling to zero stops every task of the service', (t) => {
  const { world, clock } = virtualWorld();
  world.scale('web', 0);
  t.true(serviceTasks(world, 'web').every((task) => task.desiredStatus === 'STOPPED'));
  clock.advance(10_000);
  t.true(serviceTasks(world, 'web').every((task) => task.lastStatus === 'STOPPED'));
  clock.advance(60_000);
  t.is(running(world, 'web').length, 0);
});

test('a crash-looping service has its tasks die soon after start and restarted, until it stops', (t) => {
  const { world, clock } = virtualWorld();
  world.crashLoop('api', true);
  clock.advance(30_000);
  const crashed = serviceTasks(world, 'api').filter(
    (task) => task.stoppedReason === 'Essential container in task exited',
  );
  t.true(crashed.length >= 5, `crashed ${crashed.length}`);
  t.true(crashed.every((task) => task.containers[0]?.exitCode === 1));
  world.crashLoop('api', false);
  clock.advance(5000);
  const stable = running(world, 'api');
  clock.advance(30_000);
  t.deepEqual(
    running(world, 'api').map((task) => task.taskArn),
    stable.map((task) => task.taskArn),
  );
});

test('stopTask stops the task after its stop timeout, and the service replaces it', (t) => {
  const { world, clock } = virtualWorld();
  const [task] = running(world, 'api');
  world.stopTask(task!.taskArn);
  t.is(world.tasks().find((x) => x.taskArn === task?.taskArn)?.stoppedReason, 'Task stopped by user');
  clock.advance(1000);
  t.is(running(world, 'api').length, 1);
  t.not(running(world, 'api')[0]?.taskArn, task?.taskArn);
});

test('stopped tasks stay listable for an hour, then disappear', (t) => {
  const { world, clock } = virtualWorld();
  const [task] = running(world, 'api');
  world.stopTask(task!.taskArn);
  clock.advance(5000 + 59 * 60_000);
  t.truthy(world.tasks().find((x) => x.taskArn === task?.taskArn));
  clock.advance(2 * 60_000);
  t.falsy(world.tasks().find((x) => x.taskArn === task?.taskArn));
});

test('snapshot is a deep copy', (t) => {
  const { world } = virtualWorld();
  const snapshot = world.snapshot();
  const lb = snapshot.loadBalancers[0]!;
  (lb.listeners as { instancePort: number }[])[0]!.instancePort = 1;
  t.is(world.loadBalancer('web-elb')?.listeners[0]?.instancePort, 32000);
  t.is(snapshot.tasks.length, 2);
  t.is(snapshot.hosts.length, 2);
});

test('every task change is an event the demo can print', (t) => {
  const { world, clock } = virtualWorld();
  const events: SimEvent[] = [];
  const unsubscribe = world.onEvent((e) => events.push(e));
  world.deploy('api');
  clock.advance(10_000);
  unsubscribe();
  world.deploy('api');
  t.deepEqual(
    events.map((e) => e.type),
    ['deployment', 'taskPending', 'taskRunning', 'taskStopping', 'taskStopped'],
  );
  const runningEvent = events.find((e) => e.type === 'taskRunning');
  t.deepEqual(runningEvent?.type === 'taskRunning' ? runningEvent.hostPorts : [], [
    { containerName: 'api', containerPort: 9000, hostPort: 32770 },
  ]);
});

test('a service waiting for a static port is placed as soon as the task holding it stops', (t) => {
  const spec = twoHostSpec();
  const staticDefinition = (family: string) => ({
    family,
    containers: [{ name: family, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
    startDelayMs: 0,
    stopTimeoutMs: 2000,
  });
  const { world, clock } = virtualWorld({
    ...spec,
    hosts: [{ instanceId: HOST_A }],
    taskDefinitions: [staticDefinition('first'), staticDefinition('second')],
    services: [
      { serviceName: 'first', family: 'first', desiredCount: 1 },
      { serviceName: 'second', family: 'second', desiredCount: 1 },
    ],
    loadBalancers: [],
  });
  t.is(running(world, 'first').length, 1);
  t.is(serviceTasks(world, 'second').length, 0);
  world.scale('first', 0);
  clock.advance(1999);
  t.is(serviceTasks(world, 'second').length, 0, 'the port is held during the stop timeout');
  clock.advance(1);
  t.is(running(world, 'second').length, 1);
  t.is(hostPortOf(running(world, 'second')[0]!), 8080);
});

test('with startJitterMs, tasks a deploy starts together on two hosts start running in a random order', (t) => {
  const spec = twoHostSpec();
  const jittery = {
    ...spec,
    taskDefinitions: spec.taskDefinitions.map((d) =>
      d.family === 'web' ? { ...d, startJitterMs: 1000 } : d,
    ),
    services: spec.services.map((s) =>
      s.serviceName === 'web' ? { ...s, desiredCount: 2, placement: [HOST_A, HOST_B] } : s,
    ),
  };
  const { world, clock } = virtualWorld(jittery);
  const firstHosts = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const revision = world.deploy('web');
    const fresh = () => serviceTasks(world, 'web').filter((task) => task.revision === revision);
    t.deepEqual(
      fresh()
        .map((task) => task.instanceId)
        .sort(),
      [HOST_A, HOST_B].sort(),
    );
    clock.advance(1000);
    t.true(
      fresh().every((task) => task.lastStatus === 'PENDING'),
      'nothing runs before startDelayMs',
    );
    for (let ms = 0; ms < 1000 && !fresh().some((task) => task.lastStatus === 'RUNNING'); ms += 10)
      clock.advance(10);
    const starters = fresh().filter((task) => task.lastStatus === 'RUNNING');
    if (starters.length === 1) firstHosts.add(starters[0]?.instanceId ?? '');
    clock.advance(20_000);
  }
  t.deepEqual([...firstHosts].sort(), [HOST_A, HOST_B].sort());
});
