import test from 'ava';
import {
  actionLogs,
  hostA,
  hostB,
  listenerPort,
  oneHostWorld,
  staleHealthCheck,
  staleListener,
  startCluster,
  type World,
  type WorldSpec,
  waitFor,
  webTaskDefinition,
} from './harness.js';

/**
 * The built `statika` against the simulated AWS, in real time (resync every second). Serial: each test
 * runs a sim and one or two agent processes, and the machine is small.
 */

const servingPort = (world: World, instanceId: string): number | undefined =>
  world
    .tasks()
    .find(
      (task) =>
        task.family === 'web' &&
        task.instanceId === instanceId &&
        task.lastStatus === 'RUNNING' &&
        task.desiredStatus === 'RUNNING',
    )?.containers[0]?.networkBindings[0]?.hostPort;

const registered = (world: World, instanceId: string): boolean =>
  world.loadBalancer('web-elb')?.instances.includes(instanceId as never) ?? false;

test.serial(
  'first convergence: registered, listener and health check on the task port, logged and reported',
  async (t) => {
    const { world, agentOn } = await startCluster(t, oneHostWorld());
    const agent = agentOn(hostA);
    const port = servingPort(world, hostA);
    t.truthy(port);
    await waitFor(
      'the load balancer to follow the task',
      () => listenerPort(world) === port && registered(world, hostA),
    );
    t.is(world.loadBalancer('web-elb')?.healthCheck.target, `HTTP:${port}/health`);

    await waitFor('the change to be logged', () => actionLogs(agent, 'replaceListeners').length > 0);
    const replaced = actionLogs(agent, 'replaceListeners')[0];
    t.like(replaced, { level: 'info', loadBalancer: 'web-elb', result: 'applied' });
    t.is(replaced?.msg, `listener 80 → instancePort ${port} (was 31000) on web-elb`);

    await waitFor(
      '/status to show web in sync',
      async () => (await agent.status()).services[0]?.state === 'in-sync',
    );
    const status = await agent.status();
    t.like(status.services[0], {
      service: 'web',
      state: 'in-sync',
      serving: { hostPort: port, onThisHost: true },
    });
    const address = await agent.httpAddress();
    t.is((await fetch(`http://${address}/healthz`)).status, 200);
    t.is((await fetch(`http://${address}/readyz`)).status, 200);
    const metrics = await (await fetch(`http://${address}/metrics`)).text();
    t.regex(
      metrics,
      /statika_aws_calls_total\{service="elb",operation="DescribeLoadBalancers",result="ok"\} \d+/,
    );
    t.regex(metrics, /statika_actions_total\{type="replaceListeners",result="applied"\} 1/);
    t.regex(metrics, /statika_service_in_sync\{service="web"\} 1/);
  },
);

test.serial(
  'a rolling deploy on one host moves traffic while both tasks run, and the probe never fails',
  async (t) => {
    // The first dynamic port of a host is 32768: the world starts with the load balancer already on it.
    const { world, agentOn } = await startCluster(
      t,
      oneHostWorld({
        listeners: [{ ...staleListener, instancePort: 32768 }],
        healthCheck: { ...staleHealthCheck, target: 'HTTP:32768/health' },
        instances: [hostA],
      }),
    );
    t.is(servingPort(world, hostA), 32768, 'precondition: the first task is on 32768');
    t.true(world.probe('web-elb', 80), 'precondition: traffic flows before the agent starts');
    const agent = agentOn(hostA);
    await waitFor(
      'the agent to be in sync',
      async () => (await agent.status()).services[0]?.state === 'in-sync',
    );
    t.is(actionLogs(agent).length, 0, 'nothing to change on a converged world');

    let probes = 0;
    let failures = 0;
    let oldTaskRunningWhenMoved: boolean | undefined;
    const oldTask = world.tasks().find((task) => task.lastStatus === 'RUNNING');
    const probe = setInterval(() => {
      probes += 1;
      if (!world.probe('web-elb', 80)) failures += 1;
      if (oldTaskRunningWhenMoved === undefined && listenerPort(world) !== 32768) {
        oldTaskRunningWhenMoved = world
          .tasks()
          .some((task) => task.taskArn === oldTask?.taskArn && task.lastStatus === 'RUNNING');
      }
    }, 100);
    t.teardown(() => clearInterval(probe));

    world.deploy('web');
    await waitFor(
      'the new task to serve and the old one to stop',
      () =>
        listenerPort(world) !== 32768 &&
        listenerPort(world) === servingPort(world, hostA) &&
        world.tasks().some((task) => task.taskArn === oldTask?.taskArn && task.lastStatus === 'STOPPED'),
      12_000,
    );
    clearInterval(probe);
    t.true(oldTaskRunningWhenMoved, 'traffic moved while the old task was still running');
    t.true(probes > 10);
    // The delete and the create are back to back: a 100 ms probe may land between them once at most.
    t.log(`${failures} of ${probes} probes failed`);
    t.true(failures <= 1, `${failures} of ${probes} probes failed`);
    await waitFor('the change to be logged', () => actionLogs(agent, 'replaceListeners').length > 0);
    t.is(actionLogs(agent, 'replaceListeners').length, 1);
  },
);

test.serial(
  'a service moving between two hosts: each agent does its part, one listener replacement',
  async (t) => {
    const spec: WorldSpec = {
      ...oneHostWorld(),
      hosts: [{ instanceId: hostA }, { instanceId: hostB }],
      taskDefinitions: [
        webTaskDefinition,
        {
          family: 'other',
          containers: [{ name: 'other', portMappings: [{ containerPort: 9000, hostPort: 0 }] }],
        },
      ],
      // `other` holds B's first dynamic port, so that web's port differs between the hosts.
      services: [
        { serviceName: 'other', family: 'other', desiredCount: 1, placement: [hostB] },
        { serviceName: 'web', family: 'web', desiredCount: 1 },
      ],
    };
    const { world, agentOn } = await startCluster(t, spec);
    const agentA = agentOn(hostA);
    const agentB = agentOn(hostB);
    const webHost = (id: string) =>
      world
        .tasks()
        .some((task) => task.family === 'web' && task.instanceId === id && task.lastStatus === 'RUNNING');
    const [from, to] = webHost(hostA) ? [hostA, hostB] : [hostB, hostA];
    const fromPort = servingPort(world, from);
    await waitFor(
      'the first host to serve',
      () => listenerPort(world) === fromPort && registered(world, from),
    );
    // Counted where they happen, in the sim: a log line may arrive a moment after the change it reports.
    const replacements = () => world.calls().byOperation['elb:DeleteLoadBalancerListeners'] ?? 0;
    const before = replacements();

    world.drain(from);
    await waitFor(
      'the other host to serve and the first to leave',
      () => {
        const toPort = servingPort(world, to);
        return (
          toPort !== undefined &&
          listenerPort(world) === toPort &&
          registered(world, to) &&
          !registered(world, from)
        );
      },
      12_000,
    );
    t.not(servingPort(world, to), fromPort, 'precondition: the port changes with the host');
    // Let a few more resyncs pass: a flapping pair would replace the listener again.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    t.is(replacements() - before, 1, 'exactly one listener replacement for the move');
    t.true(agentA.child.exitCode === null && agentB.child.exitCode === null, 'both agents still run');
    t.is(listenerPort(world), servingPort(world, to));
  },
);

test.serial('scale to zero deregisters the host and keeps the listener', async (t) => {
  const { world, agentOn } = await startCluster(t, oneHostWorld());
  const agent = agentOn(hostA);
  const port = servingPort(world, hostA);
  await waitFor('convergence', () => listenerPort(world) === port && registered(world, hostA));
  world.scale('web', 0);
  await waitFor('the host to be deregistered', () => !registered(world, hostA), 10_000);
  t.is(listenerPort(world), port, 'the listener is left as it was');
  await waitFor(
    '/status to say no candidate',
    async () => (await agent.status()).services[0]?.state === 'no-candidate',
  );
});

test.serial('a DRAINING host deregisters itself from its load balancers', async (t) => {
  const { world, agentOn } = await startCluster(t, oneHostWorld());
  const agent = agentOn(hostA);
  await waitFor(
    'convergence',
    () => registered(world, hostA) && listenerPort(world) === servingPort(world, hostA),
  );
  world.drain(hostA);
  await waitFor('the draining host to leave the load balancer', () => !registered(world, hostA), 10_000);
  await waitFor('the change to be logged', () => actionLogs(agent, 'deregister').length > 0);
  t.like(actionLogs(agent, 'deregister').at(-1), { loadBalancer: 'web-elb', result: 'applied' });
});
