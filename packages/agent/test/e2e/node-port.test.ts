import { type ChildProcess, spawn } from 'node:child_process';
import type { ForwardingRule } from '@statika/core';
import { createNftDriver } from '@statika/host';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { createSimCluster, type SimCluster } from '../../src/sim-cluster/sim-cluster.js';
import { hostA, hostB, staleHealthCheck, staleListener, type WorldSpec, waitFor } from './harness.js';
import { createTestNetwork, namespacesUnavailable, runIn, type TestNetwork } from './netns/namespaces.js';

/**
 * Node-port mode end to end, with real forwarding: two hosts, each a network namespace whose kernel
 * rules the agents write with the real nft driver; a TCP server per task on its host port in its host's
 * namespace; a client in a third namespace playing the load balancer, one request every 50 ms to the node
 * port of each host, through a rolling deploy. The agents run in this process (the harness in real time,
 * the sim over HTTP on 127.0.0.1) and reach each host's kernel with `ip netns exec`: only the rules and
 * the traffic live in the namespaces, so the agents need no route to the sim from inside them.
 */
const unavailable = namespacesUnavailable();
if (unavailable !== undefined) console.warn(`node-port e2e skipped: ${unavailable}`);
const e2e = unavailable === undefined ? test.serial : test.skip;

const NODE_PORT = 30080;
function configurationJson(sleepTimeSeconds: number): string {
  return JSON.stringify({ cluster: 'prod', sleepTimeSeconds, settleTimeSeconds: 5 });
}
const world: WorldSpec = {
  cluster: 'prod',
  hosts: [{ instanceId: hostA }, { instanceId: hostB }],
  // No container health check: a task's health is then known without ECS (see docs/architecture.md).
  taskDefinitions: [
    {
      family: 'web',
      startDelayMs: 300,
      stopTimeoutMs: 2500,
      containers: [{ name: 'web', portMappings: [{ containerPort: 8080, hostPort: 0 }] }],
    },
  ],
  services: [{ serviceName: 'web', family: 'web', desiredCount: 2 }],
  loadBalancers: [{ name: 'web-elb', listeners: [staleListener], healthCheck: staleHealthCheck }],
  // A resync every second until everything is in place (the second host registers once the first has
  // moved the listener to the node port); the test then makes it a long one: the deploy must need none.
  objects: [{ bucket: 'statika', key: 'configuration.json', body: configurationJson(1) }],
};
const services = [
  {
    serviceName: 'web',
    family: 'web',
    exposedContainerName: 'web',
    loadBalancerName: 'web-elb',
    nodePort: NODE_PORT,
  },
];

interface Request {
  readonly at: number;
  readonly target: string;
  readonly ok: boolean;
  readonly body?: string;
  readonly error?: string;
}

/** Keeps one TCP server per live task in its host's namespace, as Docker keeps a container's port. */
const playContainers = (cluster: SimCluster, network: TestNetwork) => {
  const helpers = new Map<string, ChildProcess>();
  const open = new Set<string>();
  for (const [id, { ns }] of network.hosts) {
    helpers.set(
      id,
      runIn(ns, 'task-servers.mjs', [], (line) => {
        const [what, port] = line.split(' ');
        if (what === 'open') open.add(`${id}:${port}`);
        if (what === 'closed') open.delete(`${id}:${port}`);
        if (what === 'error') throw new Error(`task server on ${id}: ${line}`);
      }),
    );
  }
  const asked = new Set<string>();
  const sync = () => {
    for (const task of cluster.world.tasks()) {
      const port = task.containers[0]?.ports[0]?.hostPort;
      const key = `${task.instanceId}:${port}`;
      const name = `${task.taskArn.slice(-8)}@${task.instanceId}:${port}`;
      if (task.lastStatus !== 'STOPPED' && !asked.has(key)) {
        asked.add(key);
        helpers.get(task.instanceId)?.stdin?.write(`open ${port} ${name}\n`);
      } else if (task.lastStatus === 'STOPPED' && asked.has(key)) {
        asked.delete(key);
        helpers.get(task.instanceId)?.stdin?.write(`close ${port}\n`);
      }
    }
  };
  const timer = setInterval(sync, 10);
  sync();
  return {
    listening: (instanceId: string, port: number) => open.has(`${instanceId}:${port}`),
    stop: () => {
      clearInterval(timer);
      for (const helper of helpers.values()) helper.stdin?.end();
    },
  };
};

const rulesOf = async (cluster: SimCluster, i: number): Promise<readonly ForwardingRule[]> => {
  const rules = await cluster.hostDriver(i).readRules();
  return E.isRight(rules) ? rules.right : [];
};

const elbCalls = (cluster: SimCluster): number => cluster.calls().byService.elb ?? 0;

e2e(
  'a rolling deploy in node-port mode: 0 failed requests on both hosts and 0 ELB calls by the agents',
  async (t) => {
    const network = createTestNetwork(`sk${process.pid % 100_000}`, [hostA, hostB]);
    t.teardown(() => network.remove());
    const cluster = await createSimCluster({
      world,
      time: 'real',
      services,
      localWatchIntervalMs: 100,
      hostDriver: (id) => createNftDriver({ netns: network.hosts.get(id)?.ns ?? 'missing' }),
    });
    t.teardown(() => cluster.stop());
    const containers = playContainers(cluster, network);
    t.teardown(() => containers.stop());

    const requests: Request[] = [];
    const targets = [...network.hosts.values()].map((h) => `${h.address}:${NODE_PORT}`);
    const client = runIn(network.lbNs, 'lb-client.mjs', ['50', ...targets], (line) => {
      requests.push(JSON.parse(line) as Request);
    });
    t.teardown(() => client.stdin?.end());

    // Converged: both hosts registered, the listener and health check on the node port, each host
    // forwarding to its own task, and the client answered by both.
    await waitFor(
      'both hosts registered behind the node port',
      () => {
        const lb = cluster.world.loadBalancer('web-elb');
        return (
          lb?.listeners[0]?.instancePort === NODE_PORT &&
          lb.healthCheck.target === `HTTP:${NODE_PORT}/health` &&
          [hostA, hostB].every((h) => lb.instances.includes(h as never))
        );
      },
      60_000,
    );
    await waitFor(
      'both hosts answering on the node port',
      () => targets.every((tg) => requests.slice(-20).some((r) => r.target === tg && r.ok)),
      30_000,
    );
    cluster.world.putObject('statika', 'configuration.json', configurationJson(600));
    // Quiet: the agents have read the long resync interval (a resync runs at most a second later).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const quiet = elbCalls(cluster);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    t.is(elbCalls(cluster), quiet, 'no resync any more before the deploy');

    const before = cluster.calls();
    const from = requests.length;
    const oldTasks = cluster.world
      .tasks()
      .filter((task) => task.lastStatus === 'RUNNING')
      .map((task) => task.taskArn);
    cluster.world.deploy('web');
    await waitFor(
      'the deploy done: old tasks stopped, each host forwarding to its new task',
      async () => {
        const tasks = cluster.world.tasks();
        const running = tasks.filter(
          (task) => task.lastStatus === 'RUNNING' && !oldTasks.includes(task.taskArn),
        );
        if (
          running.length !== 2 ||
          tasks.some((task) => oldTasks.includes(task.taskArn) && task.lastStatus !== 'STOPPED')
        )
          return false;
        const rules = await Promise.all([0, 1].map((i) => rulesOf(cluster, i)));
        return running.every((task) => {
          const i = task.instanceId === hostA ? 0 : 1;
          return rules[i]?.[0]?.hostPort === task.containers[0]?.ports[0]?.hostPort;
        });
      },
      60_000,
    );
    // A few more requests to the new tasks, then count.
    const settled = requests.length;
    await waitFor('more requests after the deploy', () => requests.length >= settled + 20, 10_000);
    const after = cluster.calls();
    const during = requests.slice(from);
    const failed = during.filter((r) => !r.ok);
    const answeredBy = new Set(during.filter((r) => r.ok).map((r) => r.body));
    t.log(
      `${during.length} requests during the deploy, ${failed.length} failed; answered by ${[...answeredBy].join(', ')}; ` +
        `AWS calls by the agents during the deploy: ${after.total - before.total} (ELB ${(after.byService.elb ?? 0) - (before.byService.elb ?? 0)})`,
    );
    t.deepEqual(failed, [], 'no request failed');
    t.is((after.byService.elb ?? 0) - (before.byService.elb ?? 0), 0, 'no ELB call during the deploy');
    // Both hosts served old and then new tasks: the requests really went through the swapped rules.
    t.true(answeredBy.size >= 4, `answered by ${answeredBy.size} tasks`);
  },
);

/**
 * Why a redirect to the host port, and what it needs (docs/deployment.md#node-port-mode): Docker publishes
 * a host port with a DNAT of its own in the same netfilter hook; only the first NAT decision of a
 * connection applies, so after Statika's redirect (priority -110, first) Docker's DNAT is skipped and the
 * connection is delivered to whatever listens on the host port: Docker's userland proxy, on by default.
 * Here a server plays the proxy on the host port, and a Docker-like DNAT of that port points nowhere.
 */
e2e("the redirect reaches the host port's listener, ahead of a Docker-like DNAT of that port", async (t) => {
  const network = createTestNetwork(`sd${process.pid % 100_000}`, [hostA]);
  t.teardown(() => network.remove());
  const host = network.hosts.get(hostA);
  if (host === undefined) throw new Error('no host namespace');
  const HOST_PORT = 32768;
  // Docker's rule for the published port: to the container's address, which here answers nothing.
  const dockerLike = [
    'table ip dockerlike {',
    '  chain prerouting {',
    '    type nat hook prerouting priority -100; policy accept;',
    `    fib daddr type local tcp dport ${HOST_PORT} dnat to 10.213.1.99:8080`,
    '  }',
    '}',
    '',
  ].join('\n');
  await new Promise<void>((resolve, reject) => {
    const nft = spawn('ip', ['netns', 'exec', host.ns, 'nft', '-f', '-'], {
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    nft.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`nft exited ${code}`))));
    nft.stdin.end(dockerLike);
  });
  t.deepEqual(
    await createNftDriver({ netns: host.ns }).replaceRules([{ nodePort: NODE_PORT, hostPort: HOST_PORT }]),
    E.right(undefined),
  );
  let listening = false;
  const proxy = runIn(host.ns, 'task-servers.mjs', [], (line) => {
    if (line === `open ${HOST_PORT}`) listening = true;
  });
  t.teardown(() => proxy.stdin?.end());
  proxy.stdin?.write(`open ${HOST_PORT} proxy\n`);
  await waitFor('the host port listening', () => listening);

  const requests: Request[] = [];
  const client = runIn(
    network.lbNs,
    'lb-client.mjs',
    ['100', `${host.address}:${NODE_PORT}`, `${host.address}:${HOST_PORT}`],
    (line) => requests.push(JSON.parse(line) as Request),
  );
  t.teardown(() => client.stdin?.end());
  await waitFor('three answers on each port', () =>
    [NODE_PORT, HOST_PORT].every((p) => requests.filter((r) => r.target.endsWith(`:${p}`)).length >= 3),
  );
  const on = (port: number) => requests.filter((r) => r.target.endsWith(`:${port}`)).slice(0, 3);
  // Through the node port: the redirect came first, Docker's DNAT was skipped, the listener answered.
  t.deepEqual(
    on(NODE_PORT).map((r) => r.body),
    ['proxy', 'proxy', 'proxy'],
  );
  // Straight to the host port, Docker's DNAT applies and the connection goes to the (silent) container.
  t.true(
    on(HOST_PORT).every((r) => !r.ok),
    JSON.stringify(on(HOST_PORT)),
  );
});
