import test from 'ava';
import fc from 'fast-check';
import type { Configuration, Spec } from '../src/index.js';
import {
  containerInstanceArn,
  IDLE_FACTOR,
  instanceId,
  readsPerResync,
  resyncInterval,
  TAKEOVER_WATCH_MS,
} from '../src/index.js';
import {
  configuration,
  HOST_A,
  HOST_B,
  type HostRef,
  loadBalancer,
  NOW,
  observation,
  service,
  spec,
  task,
} from './builders.js';

/** A spec of this configuration whose services' load balancers all exist: the arithmetic reads only the configuration. */
const specOf = (configuration: Configuration): Spec => ({ configuration, services: [] });

const hostNumber = (n: number): HostRef => ({
  instanceId: instanceId(`i-${n}`),
  containerInstanceArn: containerInstanceArn(`ci/${n}`),
});
const MINUTE = 60_000;

/** 50 services, each with one task on hosts 1..50 and registered there, in a cluster of `hosts` hosts. */
const fleet = (hosts: number, on: HostRef, extraTasks = 0) =>
  observation({
    on,
    tasks: Array.from({ length: 50 }, (_, i) =>
      task({ arn: `task/${i}`, family: `svc-${i}`, host: hostNumber(i + 1) }),
    ),
    loadBalancers: Array.from({ length: 50 }, (_, i) =>
      loadBalancer({
        name: loadBalancer().name.replace('web', `svc-${i}`) as never,
        instances: [hostNumber(i + 1).instanceId],
      }),
    ),
    clusterSize: { tasks: 50 + hosts + extraTasks, containerInstances: hosts },
  });

test('a small cluster keeps sleepTimeSeconds on every host, whatever its role', (t) => {
  const config = configuration({ sleepTimeSeconds: 10 });
  const serving = resyncInterval(
    specOf(config),
    observation({ clusterSize: { tasks: 3, containerInstances: 2 } }),
    NOW,
  );
  t.is(serving.role, 'involved');
  t.is(serving.ms, 10_000);
  const idle = resyncInterval(
    specOf(config),
    observation({ on: HOST_B, clusterSize: { tasks: 3, containerInstances: 2 } }),
    NOW,
  );
  t.is(idle.role, 'idle');
  t.is(idle.ms, 10_000);
});

test('a steady resync reads 3 ECS pages and 1 ELB page up to 100 tasks, one more of each list per 100', (t) => {
  t.deepEqual(
    readsPerResync(
      specOf(configuration()),
      observation({ clusterSize: { tasks: 100, containerInstances: 1 } }),
    ),
    {
      ecs: 3,
      elb: 1,
    },
  );
  t.deepEqual(
    readsPerResync(
      specOf(configuration()),
      observation({ clusterSize: { tasks: 101, containerInstances: 1 } }),
    ),
    {
      ecs: 5,
      elb: 1,
    },
  );
  t.deepEqual(
    readsPerResync(
      specOf(configuration()),
      observation({ tasks: [], loadBalancers: [], clusterSize: { tasks: 0, containerInstances: 1 } }),
    ),
    {
      ecs: 2,
      elb: 1,
    },
  );
  // A configured load balancer AWS does not know is absent from the observation and asked for alone.
  t.deepEqual(readsPerResync(spec([service(), service({ loadBalancerName: 'gone-lb' })]), observation()), {
    ecs: 3,
    elb: 2,
  });
});

test('500 hosts: involved hosts take the budget by weight, idle hosts read ten times less often', (t) => {
  const config = configuration({
    sleepTimeSeconds: 10,
    fleetEcsReadsPerSecond: 8,
    fleetElbReadsPerSecond: 4,
  });
  const involved = resyncInterval(specOf(config), fleet(500, hostNumber(7)), NOW);
  // 550 tasks: 6 ListTasks pages, 6 DescribeTasks, 1 DescribeContainerInstances; weight 50 + 450 / 10.
  t.deepEqual(involved.reads, { ecs: 13, elb: 1 });
  t.is(involved.role, 'involved');
  t.is(involved.hosts, 500);
  t.is(involved.involvedHosts, 50);
  t.is(involved.ms, Math.ceil((1000 * 95 * 13) / 8));
  const idle = resyncInterval(specOf(config), fleet(500, hostNumber(300)), NOW);
  t.is(idle.role, 'idle');
  t.is(idle.ms, Math.ceil(IDLE_FACTOR * ((1000 * 95 * 13) / 8)));
});

test('the tighter budget decides: ELB when load balancers are many pages', (t) => {
  const config = configuration({ fleetEcsReadsPerSecond: 100, fleetElbReadsPerSecond: 0.5 });
  const result = resyncInterval(specOf(config), fleet(500, hostNumber(7)), NOW);
  t.is(result.ms, Math.ceil((1000 * 95 * 1) / 0.5));
});

test('a host with a starting or young task of a family another host runs watches at sleepTimeSeconds (a deploy between hosts)', (t) => {
  const config = configuration({ sleepTimeSeconds: 10 });
  const withTask = (o: Parameters<typeof task>[0]) => {
    const base = fleet(500, hostNumber(7));
    return {
      ...base,
      tasks: [...base.tasks, task({ arn: 'task/new', family: 'svc-0', host: hostNumber(7), ...o })],
    };
  };
  const pending = withTask({ lastStatus: 'PENDING' });
  const { startedAt: _startedAt, ...unstarted } = pending.tasks.at(-1)!;
  t.is(
    resyncInterval(specOf(config), { ...pending, tasks: [...pending.tasks.slice(0, -1), unstarted] }, NOW)
      .role,
    'watching',
  );
  const young = resyncInterval(specOf(config), withTask({ startedAt: NOW - TAKEOVER_WATCH_MS + 1 }), NOW);
  t.deepEqual([young.role, young.ms], ['watching', 10_000]);
  t.is(
    resyncInterval(specOf(config), withTask({ startedAt: NOW - TAKEOVER_WATCH_MS }), NOW).role,
    'involved',
  );
  t.is(
    resyncInterval(specOf(config), withTask({ startedAt: NOW - MINUTE, desiredStatus: 'STOPPED' }), NOW).role,
    'involved',
    'a young task that is stopping is not the start of a deploy',
  );
  t.is(
    resyncInterval(specOf(config), withTask({ family: 'svc-99', startedAt: NOW - MINUTE }), NOW).role,
    'involved',
    'a young task of a family no other host runs is a deploy within this host: the local watch follows it',
  );
});

test('a host registered with a configured load balancer is involved even with no task (a registration to correct)', (t) => {
  const o = fleet(500, hostNumber(300));
  const registered = {
    ...o,
    loadBalancers: o.loadBalancers.map((lb, i) =>
      i === 0 ? { ...lb, instances: [...lb.instances, hostNumber(300).instanceId] } : lb,
    ),
  };
  t.is(resyncInterval(specOf(configuration()), registered, NOW).role, 'involved');
});

test('without the cluster size the hosts seen in the observation count (never fewer than one)', (t) => {
  const o = observation({ tasks: [task({ host: HOST_A }), task({ arn: 'task/2', host: HOST_B })] });
  const result = resyncInterval(specOf(configuration()), o, NOW);
  t.is(result.hosts, 2);
  t.is(resyncInterval(specOf(configuration()), observation({ tasks: [], loadBalancers: [] }), NOW).hosts, 1);
});

test('property: the steady fleet (every host at its interval) reads no more than the budget', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 2000 }),
      fc.integer({ min: 0, max: 200 }),
      fc.integer({ min: 0, max: 5000 }),
      fc.integer({ min: 1, max: 60 }),
      fc.double({ min: 0.1, max: 50, noNaN: true }),
      fc.double({ min: 0.1, max: 50, noNaN: true }),
      (hosts, involvedCount, otherTasks, sleepTimeSeconds, ecsBudget, elbBudget) => {
        const involved = Math.min(hosts, involvedCount);
        const o = (on: HostRef) =>
          observation({
            on,
            tasks: Array.from({ length: involved }, (_, i) =>
              task({ arn: `task/${i}`, host: hostNumber(i) }),
            ),
            loadBalancers: [loadBalancer({ instances: [] })],
            clusterSize: { tasks: involved + otherTasks, containerInstances: hosts },
          });
        const config = configuration({
          sleepTimeSeconds,
          fleetEcsReadsPerSecond: ecsBudget,
          fleetElbReadsPerSecond: elbBudget,
        });
        const busy = resyncInterval(specOf(config), o(hostNumber(0)), NOW);
        const idle = resyncInterval(specOf(config), o(hostNumber(hosts + 1)), NOW);
        const resyncsPerSecond = (involved * 1000) / busy.ms + ((hosts - involved) * 1000) / idle.ms;
        // A little slack for floating point; the floors (sleepTimeSeconds) only ever lower the rate.
        const slack = 1 + 1e-9;
        return (
          resyncsPerSecond * busy.reads.ecs <= ecsBudget * slack &&
          resyncsPerSecond * busy.reads.elb <= elbBudget * slack
        );
      },
    ),
  );
  t.pass();
});
