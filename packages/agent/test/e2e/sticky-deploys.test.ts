import test from 'ava';
import {
  hostA,
  hostB,
  listenerPort,
  oneHostWorld,
  startCluster,
  type World,
  type WorldSpec,
  waitFor,
  webTaskDefinition,
} from './harness.js';

/**
 * The built `statika` on two hosts, a `web` task on each (dynamic ports), rolling deploys in real time:
 * SPEC §4 rule 2 keeps the service on the host that serves, even when the other host's new task is the
 * newest. Each host's new task takes up to 800 ms more to start (the sim's startJitterMs, seeded), so the
 * deploys start the two new tasks in both orders; the ones where the other host's task is the newest are
 * the case under test.
 */

const DEPLOYS = 6;

const twoHostWorld: WorldSpec = {
  ...oneHostWorld(),
  hosts: [{ instanceId: hostA }, { instanceId: hostB }],
  taskDefinitions: [
    // A stop timeout of 10 s (ECS's default is 30 s) leaves a machine at load 20 time to move traffic off
    // a stopping task before it exits.
    { ...webTaskDefinition, startJitterMs: 800, stopTimeoutMs: 10_000 },
    {
      family: 'other',
      containers: [{ name: 'other', portMappings: [{ containerPort: 9000, hostPort: 0 }] }],
    },
  ],
  // `other` holds B's first dynamic port, so that web's ports differ between the hosts.
  services: [
    { serviceName: 'other', family: 'other', desiredCount: 1, placement: [hostB] },
    { serviceName: 'web', family: 'web', desiredCount: 2 },
  ],
};

const webTasks = (world: World) => world.tasks().filter((task) => task.family === 'web');

const registeredHosts = (world: World): readonly string[] => [
  ...(world.loadBalancer('web-elb')?.instances ?? []),
];

/** The host whose task the listener forwards to, when exactly one host is registered. */
const servingHost = (world: World): string | undefined => {
  const [only, ...others] = registeredHosts(world);
  const port = listenerPort(world);
  const serving = webTasks(world).some(
    (task) =>
      task.instanceId === only &&
      task.lastStatus === 'RUNNING' &&
      task.containers[0]?.networkBindings[0]?.hostPort === port,
  );
  return others.length === 0 && serving ? only : undefined;
};

test.serial(
  'rolling deploys on two hosts stay on the serving host when the other host runs the newest task',
  async (t) => {
    const { world, agentOn } = await startCluster(t, twoHostWorld);
    agentOn(hostA);
    agentOn(hostB);
    await waitFor('one host to serve', () => servingHost(world) !== undefined, 15_000);
    const replacements = () => world.calls().byOperation['elb:DeleteLoadBalancerListeners'] ?? 0;

    let checked = 0;
    for (let i = 0; i < DEPLOYS && checked === 0; i++) {
      const serving = servingHost(world);
      if (serving === undefined) throw new Error('no single serving host between deploys');
      const before = replacements();
      let probes = 0;
      let failures = 0;
      let everRegistered = new Set(registeredHosts(world));
      const probe = setInterval(() => {
        probes += 1;
        if (!world.probe('web-elb', 80)) failures += 1;
        everRegistered = new Set([...everRegistered, ...registeredHosts(world)]);
      }, 100);
      t.teardown(() => clearInterval(probe));

      const revision = world.deploy('web');
      const fresh = () => webTasks(world).filter((task) => task.revision === revision);
      await waitFor(
        `deploy ${i + 1}: both new tasks to run and the old ones to stop`,
        () =>
          fresh().filter((task) => task.lastStatus === 'RUNNING').length === 2 &&
          webTasks(world).every((task) => task.revision === revision || task.lastStatus === 'STOPPED'),
        40_000,
      );
      await waitFor(`deploy ${i + 1}: a host to serve a new task`, () => servingHost(world) !== undefined);
      // A few resyncs more: a move or a second replacement would show now.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      clearInterval(probe);

      const [newest] = [...fresh()].sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
      if (newest === undefined || newest.instanceId === serving) continue;
      checked += 1;
      t.log(`deploy ${i + 1}: ${failures} of ${probes} probes failed, newest task on the other host`);
      t.deepEqual([...everRegistered], [serving], `deploy ${i + 1}: no other host registered`);
      t.is(servingHost(world), serving, `deploy ${i + 1}: the same host serves`);
      t.is(replacements() - before, 1, `deploy ${i + 1}: exactly one listener replacement`);
      // The delete and the create are back to back: a 100 ms probe may land between them once at most.
      t.true(failures <= 1, `deploy ${i + 1}: ${failures} of ${probes} probes failed`);
    }
    t.true(checked > 0, `no deploy of ${DEPLOYS} started the other host's task last`);
  },
);
