import { simHostDriver } from '@statika/harness';
import { addNetns, createNftDriver, deleteNetns, netnsUnavailable, renderRuleset } from '@statika/host';
import type { WorldSpec } from '@statika/sim';
import * as E from 'fp-ts/lib/Either.js';
import { createSimCluster, type SimCluster } from '../sim-cluster/sim-cluster.js';
import { demoLine, narrateAgentEvent } from './demo-narration.js';
import type { ScenarioResult } from './demo-summary.js';
import { startTrafficProbe } from './traffic-probe.js';

const NODE_PORT = 30080;
const HOSTS = ['i-0de0000000000a001', 'i-0de0000000000b002'];
const WEB = { loadBalancerName: 'web-elb', loadBalancerPort: 80 };

/** Two hosts, one web task on each, behind web-elb, which still points at a stale port. */
const nodePortWorld = (): WorldSpec => ({
  cluster: 'demo',
  hosts: HOSTS.map((instanceId) => ({ instanceId })),
  taskDefinitions: [
    {
      family: 'web',
      startDelayMs: 2000,
      stopTimeoutMs: 5000,
      containers: [{ name: 'web', portMappings: [{ containerPort: 8080, hostPort: 0 }] }],
    },
  ],
  services: [{ serviceName: 'web', family: 'web', desiredCount: 2 }],
  loadBalancers: [
    {
      name: 'web-elb',
      listeners: [
        {
          protocol: 'HTTP',
          loadBalancerPort: 80,
          instanceProtocol: 'HTTP',
          instancePort: 32000,
          policyNames: [],
        },
      ],
      healthCheck: {
        target: 'HTTP:32000/health',
        interval: 5,
        timeout: 2,
        unhealthyThreshold: 2,
        healthyThreshold: 2,
      },
    },
  ],
  objects: [
    {
      bucket: 'statika',
      key: 'configuration.json',
      body: JSON.stringify({ cluster: 'demo', sleepTimeSeconds: 10 }),
    },
    {
      bucket: 'statika',
      key: 'services.json',
      body: JSON.stringify([
        {
          serviceName: 'web',
          family: 'web',
          exposedContainerName: 'web',
          loadBalancerName: 'web-elb',
          nodePort: NODE_PORT,
        },
      ]),
    },
  ],
});

/** Every task is of the latest revision and running, and each host forwards the node port to its own. */
const deployed = async (cluster: SimCluster, revision: number): Promise<boolean> => {
  const tasks = cluster.world.tasks().filter((t) => t.lastStatus !== 'STOPPED');
  if (tasks.length !== 2 || tasks.some((t) => t.revision < revision || t.lastStatus !== 'RUNNING'))
    return false;
  const rules = await Promise.all(HOSTS.map((_, i) => cluster.hostDriver(i).readRules()));
  return tasks.every((t) => {
    const read = rules[HOSTS.indexOf(t.instanceId)];
    return (
      read !== undefined && E.isRight(read) && read.right[0]?.hostPort === t.containers[0]?.ports[0]?.hostPort
    );
  });
};

/**
 * The node-port act of `statika demo`: two hosts in node-port mode, each a network namespace of the
 * demo's own whose nftables rules the agents really write (the sim's hosts follow them, so the simulated
 * load balancer's traffic goes through them), through a rolling deploy. Skipped, saying why, where
 * namespaces cannot be made (not root, no nft).
 */
export const runNodePortDemo = async (options: {
  readonly fast: boolean;
  readonly print: (line: string) => void;
}): Promise<ScenarioResult | undefined> => {
  const { print } = options;
  print('');
  const unavailable = netnsUnavailable();
  if (unavailable !== undefined) {
    print(`== node-port mode: skipped (${unavailable}); \`sudo statika demo\` on a host with nft shows it.`);
    return undefined;
  }
  print(
    `== node-port mode: web-elb forwards to node port ${NODE_PORT} on two hosts; each host forwards it to its own task with an nftables rule (in a network namespace made for the demo). ECS deploys web on both hosts.`,
  );
  const namespaces = HOSTS.map((_, i) => `statika-demo-${process.pid}-${i}`);
  for (const ns of namespaces) addNetns(ns);
  try {
    const cluster = await createSimCluster({
      world: nodePortWorld(),
      time: options.fast ? 'virtual' : 'real',
      localWatchIntervalMs: 200,
      hostDriver: (id, world) =>
        simHostDriver(world, id, createNftDriver({ netns: namespaces[HOSTS.indexOf(id)] as string })),
    });
    const startedAt = cluster.now();
    const say = (subject: string, text: string) => print(demoLine(cluster.now() - startedAt, subject, text));
    const events = cluster.events$.subscribe(({ event, instanceId }) => {
      for (const line of narrateAgentEvent(event)) say(instanceId, line.text);
    });
    const probe = startTrafficProbe(cluster.world, (target, ok) =>
      say(
        'probe',
        `traffic on ${target.loadBalancerName}:${target.loadBalancerPort} ${ok ? 'flows' : 'FAILS'}`,
      ),
    );
    const timeoutMs = options.fast ? 300_000 : 60_000;
    const converged = await cluster.runUntil(
      () => cluster.allInSync() && cluster.world.probe('web-elb', 80),
      { timeoutMs },
    );
    const showRules = async () => {
      for (const [i, ns] of namespaces.entries()) {
        const rules = await cluster.hostDriver(i).readRules();
        const lines = E.isRight(rules)
          ? renderRuleset(rules.right)
              .split('\n')
              .filter((l) => l.includes('redirect'))
          : [];
        say(HOSTS[i] as string, `kernel (${ns}): ${lines[0]?.trim() ?? 'no rule'}`);
      }
    };
    // Let the calls in flight answer, so that the counts below are the deploy's alone.
    await cluster.advance(1000);
    await showRules();
    cluster.world.resetCalls();
    probe.reset([WEB]);
    const begin = cluster.now();
    const revision = cluster.world.deploy('web');
    const finished = converged && (await waitDeployed(cluster, revision, timeoutMs));
    const durationMs = cluster.now() - begin;
    await showRules();
    const counts = probe.counts();
    const calls = cluster.world.calls();
    const elb = Object.entries(calls.byOperation).filter(([op]) => op.startsWith('elb:'));
    const reads = elb.filter(([op]) => op.startsWith('elb:Describe')).reduce((n, [, c]) => n + c, 0);
    const changes = elb.filter(([op]) => !op.startsWith('elb:Describe')).reduce((n, [, c]) => n + c, 0);
    say(
      'statika',
      `deploy done: ${changes} ELB change calls, ${reads} ELB reads (the resyncs every sleepTimeSeconds, not the deploy)`,
    );
    probe.stop();
    events.unsubscribe();
    await cluster.stop();
    return {
      title: 'node-port rolling deploy (2 hosts)',
      converged: finished,
      durationMs,
      failedProbes: counts.failed,
      failedDuringSwap: counts.failedDuringSwap,
      probes: counts.probes,
      awsCalls: calls.total,
      throttledCalls: 0,
      note: undefined,
    };
  } finally {
    for (const ns of namespaces) deleteNetns(ns);
  }
};

/** Lets time pass until the deploy is done (checked every 200 ms of the cluster's time). */
const waitDeployed = async (cluster: SimCluster, revision: number, timeoutMs: number): Promise<boolean> => {
  const deadline = cluster.now() + timeoutMs;
  while (cluster.now() < deadline) {
    if (await deployed(cluster, revision)) return true;
    await cluster.advance(200);
  }
  return false;
};
