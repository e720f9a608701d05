import { join } from 'node:path';
import { createWorld, realClock, startSim } from '@statika/sim';
import test from 'ava';
import {
  agentConfiguration,
  agentEnv,
  hostA,
  hostB,
  staleHealthCheck,
  staleListener,
  startAgent,
  tempFiles,
  type World,
  type WorldSpec,
  waitFor,
  webServices,
  webTaskDefinition,
} from './harness.js';

/**
 * SPEC §4 rule 5 with the built `statika` on two hosts: the operator's SSL negotiation policy on an
 * HTTPS listener survives an agent killed between the delete and the create while the other host takes
 * the service over, and policy restores that fail until after the other host has moved the listener.
 */

const NEGOTIATION = 'web-tls-negotiation';
const https = {
  protocol: 'HTTPS',
  loadBalancerPort: 443,
  instanceProtocol: 'HTTP',
  instancePort: 31000,
  sslCertificateId: 'arn:aws:iam::123456789012:server-certificate/web',
  policyNames: [NEGOTIATION],
};

// Host ports are allocated per host from 32768: a task of another service on host B makes web's ports on
// the two hosts differ, so a listener on host B's port is one that host B's agent moved.
const other = { ...webTaskDefinition, family: 'other' };
const twoHosts: WorldSpec = {
  cluster: 'prod',
  hosts: [{ instanceId: hostA }, { instanceId: hostB }],
  taskDefinitions: [webTaskDefinition, other],
  services: [
    { serviceName: 'other', family: 'other', desiredCount: 1, placement: [hostB] },
    { serviceName: 'web', family: 'web', desiredCount: 1 },
  ],
  loadBalancers: [
    {
      name: 'web-elb',
      listeners: [staleListener, https],
      healthCheck: staleHealthCheck,
      instances: [hostA],
    },
  ],
};

const secureListener = (world: World) =>
  world.loadBalancer('web-elb')?.listeners.find((l) => l.loadBalancerPort === 443);
const runningOn = (world: World, host: string) =>
  world
    .tasks()
    .find(
      (t) =>
        t.serviceName === 'web' &&
        t.instanceId === host &&
        t.lastStatus === 'RUNNING' &&
        t.desiredStatus === 'RUNNING',
    );
const pendingRecords = (world: World) => {
  const described = world.internals.elbTags.describe(['web-elb']);
  return described._tag === 'Right'
    ? (described.right[0]?.tags ?? []).filter((tag) => tag.key.startsWith('statika:pending-policies:'))
    : [];
};

test.serial(
  'an HTTPS listener keeps its negotiation policy: agent killed between delete and create, the other host takes over',
  async (t) => {
    const world = createWorld(twoHosts, { clock: realClock() });
    const sim = await startSim(world);
    const files = tempFiles(agentConfiguration, webServices);
    t.teardown(async () => {
      await sim.close();
      world.close();
      files.remove();
    });
    // One journal per host, as on real hosts.
    const agentOn = (host: string) => {
      const agent = startAgent(agentEnv(sim.env(host), { ...files, stateDir: join(files.dir, host) }));
      t.teardown(() => agent.kill('SIGKILL'));
      return agent;
    };
    const hostPortA = runningOn(world, hostA)?.containers[0]?.networkBindings[0]?.hostPort;
    t.truthy(hostPortA, 'the task starts on host A');

    // Host A replaces the stale listeners; every create fails, slowly: the kill lands after the delete.
    world.failCreateAfterDelete('web-elb', { times: 1000 });
    world.setFault('CreateLoadBalancerListeners', { latencyMs: 3000 });
    const first = agentOn(hostA);
    await waitFor('the delete', () => secureListener(world) === undefined);
    first.kill('SIGKILL');
    await first.exited;
    t.deepEqual(
      pendingRecords(world),
      [{ key: `statika:pending-policies:${hostA}`, value: `443=${NEGOTIATION}` }],
      'host A recorded the policies on the load balancer before its delete',
    );

    // The service moves: host A drains, ECS starts the task on host B, whose agent takes over.
    world.clearFaults();
    world.drain(hostA);
    await waitFor('the task on host B', () => runningOn(world, hostB) !== undefined);
    const onB = agentOn(hostB);
    // Host A comes back and finishes its journal, but no policy restore succeeds for now: the listener it
    // recreates has no policies when host B moves it to its task (the path that lost them for good).
    world.setFault('SetLoadBalancerPoliciesOfListener', { errorRate: 1 });
    const second = agentOn(hostA);
    const hostPortB = runningOn(world, hostB)?.containers[0]?.networkBindings[0]?.hostPort;
    t.not(hostPortB, hostPortA, 'a listener on host B’s port is one host B moved');
    await waitFor(
      'host B to move the HTTPS listener',
      () => secureListener(world)?.instancePort === hostPortB,
      20_000,
    );
    t.deepEqual(secureListener(world)?.policyNames, [], 'no restore has succeeded yet');
    t.true(
      pendingRecords(world).some((r) => r.value === `443=${NEGOTIATION}`),
      'a record every host reads still holds the policy',
    );

    world.clearFaults();
    await waitFor(
      'the HTTPS listener on host B with its negotiation policy',
      () => secureListener(world)?.policyNames.includes(NEGOTIATION) === true,
      20_000,
    );
    await waitFor('every pending record removed', () => pendingRecords(world).length === 0, 10_000);
    await waitFor(
      'both agents in sync, host B alone registered',
      async () =>
        (await Promise.all([onB.status(), second.status()])).every(
          (s) => s.services.length > 0 && s.services.every((x) => x.state !== 'converging'),
        ) && world.loadBalancer('web-elb')?.instances.join() === hostB,
      10_000,
    );
    t.like(secureListener(world), {
      protocol: 'HTTPS',
      instancePort: hostPortB,
      sslCertificateId: https.sslCertificateId,
      policyNames: [NEGOTIATION],
    });
  },
);
