import { demoScenario } from '@statika/sim';
import test from 'ava';
import { createSimCluster } from '../../src/sim-cluster/sim-cluster.js';

test('on virtual time, the demo cluster converges: listeners and health checks follow the tasks', async (t) => {
  const cluster = await createSimCluster({ world: demoScenario(), time: 'virtual' });
  const started = cluster.now();
  const converged = await cluster.runUntil(() => cluster.allInSync() && cluster.world.probe('web-elb', 80), {
    timeoutMs: 60_000,
  });
  t.true(converged);
  t.log(`converged after ${(cluster.now() - started) / 1000} s of virtual time`);
  await cluster.stop();
});

test('a killed agent does nothing more; restarted, it converges a deploy made while it was down', async (t) => {
  const cluster = await createSimCluster({ world: demoScenario(), time: 'virtual' });
  t.true(await cluster.runUntil(() => cluster.allInSync() && cluster.world.probe('web-elb', 80)));
  cluster.killAgent(0);
  t.false(cluster.isRunning(0));
  const before = cluster.world.loadBalancer('web-elb')?.listeners[0]?.instancePort;
  cluster.world.deploy('web');
  await cluster.advance(60_000);
  t.is(
    cluster.world.loadBalancer('web-elb')?.listeners[0]?.instancePort,
    before,
    'nobody moved the listener',
  );
  cluster.restartAgent(0);
  t.true(await cluster.runUntil(() => cluster.allInSync() && cluster.world.probe('web-elb', 80)));
  t.not(cluster.world.loadBalancer('web-elb')?.listeners[0]?.instancePort, before);
  await cluster.stop();
});

test('calls the sim delays on its own clock do not stall virtual time', async (t) => {
  const cluster = await createSimCluster({
    world: demoScenario(),
    time: 'virtual',
    faults: { '*': { latencyMs: 300 } },
  });
  t.true(await cluster.runUntil(() => cluster.allInSync() && cluster.world.probe('web-elb', 80)));
  t.true(cluster.calls().total > 0);
  await cluster.stop();
});

test('in real time, the agent finds its host through the sim over HTTP and moves the listeners', async (t) => {
  const endpointBefore = process.env.AWS_ENDPOINT_URL_ECS;
  const cluster = await createSimCluster({ world: demoScenario(), time: 'real' });
  const webPort = () =>
    cluster.world.tasks().find((task) => task.serviceName === 'web')?.containers[0]?.ports[0]?.hostPort;
  const moved = await cluster.runUntil(
    () =>
      cluster.world.loadBalancer('web-elb')?.listeners[0]?.instancePort === webPort() &&
      cluster.status(0)?.ready === true,
    { timeoutMs: 10_000 },
  );
  const identity = cluster.status(0)?.identity?.source;
  await cluster.stop();
  t.true(moved);
  t.is(identity, 'ecs-agent');
  t.is(process.env.AWS_ENDPOINT_URL_ECS, endpointBefore, 'the sim is given to the clients, not the process');
});
