/**
 * Embedding the Statika agent in a Node service: the service runs its own HTTP server and, inside the
 * same process, the controller that `statika run` runs. The service shows Statika's status on its own
 * `/statika` endpoint.
 *
 *   npx tsx docs/examples/embed-agent.ts
 *
 * So that CI can run it with no AWS account, the first block starts the simulated AWS (`@statika/sim`)
 * in this process and points the AWS SDK at it through the standard endpoint variables. On an ECS host,
 * leave that block out: the same code then talks to AWS with the host's credentials.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent, createFileJournal } from '@statika/agent';
import {
  createActuator,
  createAwsClients,
  createFileSource,
  createObserver,
  readLocalTasks,
  resolveIdentity,
} from '@statika/aws';
import { needsChange } from '@statika/core';
import { createWorld, demoScenario, realClock, startSim, statikaFileUrls } from '@statika/sim';
import { pino } from 'pino';
import { asyncScheduler, filter, firstValueFrom, timeout } from 'rxjs';

// --- For CI only: a simulated AWS with one host and two services whose load balancers are stale. ---
const world = createWorld(demoScenario(), { clock: realClock() });
const sim = await startSim(world);
const files = statikaFileUrls(world.spec);
Object.assign(process.env, sim.env(), {
  CONFIGURATION_URL: files.configurationUrl,
  SERVICES_URL: files.servicesUrl,
  STATIKA_STATE_DIR: mkdtempSync(join(tmpdir(), 'statika-example-')),
});
// --- End of the simulator block. ---

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

/** A file source, or the reason the URL can never work (an unsupported scheme, …). */
const fileSource = (url: string, clients: ReturnType<typeof createAwsClients>) => {
  const source = createFileSource(url, clients);
  if (source._tag === 'Left') throw new Error(source.left.message);
  return source.right;
};

const clients = createAwsClients({ region: env('AWS_REGION') });
// The ECS agent's introspection API: identity and the local watch of this host's tasks (no AWS calls).
const ecsAgentUrl = env('STATIKA_ECS_AGENT_URL', 'http://localhost:51678');
const logger = pino({ level: 'warn' });

const agent = createAgent({
  configurationSource: fileSource(env('CONFIGURATION_URL'), clients),
  servicesSource: fileSource(env('SERVICES_URL'), clients),
  observer: createObserver(clients),
  actuator: createActuator(clients),
  identity: (cluster) => resolveIdentity({ ecsAgentUrls: [ecsAgentUrl], cluster, ecs: clients.ecs }),
  localTasks: () => readLocalTasks(ecsAgentUrl),
  journal: createFileJournal(env('STATIKA_STATE_DIR', './.statika')),
  scheduler: asyncScheduler,
  logger,
});

// The service's own endpoint, with Statika's view of every service.
const server = createServer((_request, response) => {
  const status = agent.status();
  response.setHeader('content-type', 'application/json');
  response.end(
    JSON.stringify({
      ready: status.ready,
      services: status.services.map((s) => ({
        service: s.serviceName,
        state: s.state,
        port: s.serving?.hostPort,
      })),
    }),
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/statika`;

// Every action Statika takes, as it happens.
agent.events$.pipe(filter((e) => e.type === 'action')).subscribe((e) => {
  if (e.type === 'action') console.log(`${e.action.loadBalancerName}: ${e.action.type} ${e.result}`);
});

// Wait until every service is in sync (the simulator's load balancers start stale), then show it.
const converged = await firstValueFrom(
  agent.status$.pipe(
    filter((s) => s.ready && s.services.length > 0 && s.services.every((service) => !needsChange(service))),
    timeout(30_000),
  ),
);
console.log(
  converged.services.map((s) => `${s.serviceName}: ${s.state} on port ${s.serving?.hostPort}`).join('\n'),
);
console.log(await (await fetch(url)).text());

// On SIGTERM a service stops the agent first: the action in flight finishes, the journal stays consistent.
await agent.stop();
server.close();
await sim.close();
