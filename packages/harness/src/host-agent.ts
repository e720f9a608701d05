import { type AwsClients, createAwsClients, readLocalTasks, resolveIdentity } from '@statika/aws';
import type { HostDriver } from '@statika/host';
import type { InProcessHandler, World } from '@statika/sim';
import { asyncScheduler, type SchedulerLike, type VirtualTimeScheduler } from 'rxjs';
import type { HarnessAgent, StartAgent } from './harness-agent.js';
import { inProcessLocalTasks } from './in-process-local-tasks.js';
import type { IoTracker } from './io-tracker.js';
import { killableScheduler } from './killable-scheduler.js';
import type { VirtualTime } from './virtual-time.js';

/** How an agent reaches the sim: over HTTP in real time, in-process on virtual time. */
export type AgentTransport =
  | { readonly time: 'real'; readonly awsUrl: string; readonly hostUrl: string }
  | { readonly time: 'virtual'; readonly handler: InProcessHandler; readonly virtualTime: VirtualTime };

export interface HostAgentOptions<Status, Event> {
  readonly world: World;
  readonly instanceId: string;
  readonly urls: { readonly configuration: string; readonly services: string };
  readonly hostDriver: HostDriver;
  readonly tracker: IoTracker;
  readonly random: () => number;
  readonly transport: AgentTransport;
  readonly startAgent: StartAgent<Status, Event>;
}

/** One incarnation of a host's agent: a new one after every restart. */
export interface HostAgent<Status, Event> {
  readonly handle: HarnessAgent<Status, Event>;
  /** SIGKILL: its scheduler stops, its clients and journal refuse every further call. */
  kill(): void;
  /** After a graceful stop: gives its scheduler back. */
  release(): void;
}

const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

const killedError = (): Error => Object.assign(new Error('the agent was killed'), { code: 'ECONNRESET' });

interface Guard {
  readonly tracker: IoTracker;
  readonly dead: () => boolean;
  /** Virtual time only: requests go unsigned (see `guardClients`). */
  readonly unsigned: boolean;
}

/**
 * The SDK middleware of the harness: counts every attempt of a call from start to parsed answer (so
 * virtual time waits for it), and refuses calls once the agent is killed. It runs inside the clients'
 * retry middleware, whose waits between attempts are on the agent's scheduler (`retryClock`).
 */
const guardMiddleware =
  (guard: Guard) =>
  <A, R>(next: (args: A) => Promise<R>) =>
  (args: A): Promise<R> =>
    guard.dead() ? Promise.reject(killedError()) : guard.tracker.track(() => next(args));

/** The SDK's SigV4 signing step, by the name the SDK adds it under. */
const SIGNING_MIDDLEWARE = 'httpSigningMiddleware';

/**
 * The clients with the guard in every one. S3 is created on first use, and that creation (a module load)
 * is tracked too, so that virtual time waits for it as for a call. On virtual time the clients do not
 * sign their requests: the sim reads no signature, and signing (two HMAC chains a call) was an eighth of
 * the CPU time of a fleet of in-process agents.
 */
const guardClients = (clients: AwsClients, guard: Guard): AwsClients => {
  const options = { step: 'initialize', name: 'statikaHarnessGuard' } as const;
  clients.ecs.middlewareStack.add(guardMiddleware(guard), options);
  clients.elb.middlewareStack.add(guardMiddleware(guard), options);
  if (guard.unsigned) {
    clients.ecs.middlewareStack.remove(SIGNING_MIDDLEWARE);
    clients.elb.middlewareStack.remove(SIGNING_MIDDLEWARE);
  }
  let s3: ReturnType<AwsClients['s3']> | undefined;
  const guardedS3 = () => {
    s3 ??= guard.tracker.track(async () => {
      const reader = await clients.s3();
      reader.client.middlewareStack.add(guardMiddleware(guard), options);
      if (guard.unsigned) reader.client.middlewareStack.remove(SIGNING_MIDDLEWARE);
      return reader;
    });
    return s3;
  };
  return { ...clients, s3: guardedS3 };
};

/** The host driver as a killed process leaves it: nothing changed after the kill; calls counted as I/O. */
const guardHostDriver = (driver: HostDriver, tracker: IoTracker, dead: () => boolean): HostDriver => {
  const guarded = <A>(work: () => Promise<A>): Promise<A> =>
    dead() ? Promise.reject(killedError()) : tracker.track(work);
  return {
    readRules: () => guarded(() => driver.readRules()),
    replaceRules: (rules) => guarded(() => driver.replaceRules(rules)),
    removeTable: () => guarded(() => driver.removeTable()),
  };
};

/**
 * Loads the module of the S3 client, which each agent loads on its first `s3://` read, before virtual
 * time starts: the first load reads files in real time, which virtual time cannot wait for the same way
 * on every run.
 */
export const preloadS3Client = async (): Promise<void> => {
  await createAwsClients({ region: 'us-east-1', credentials: FAKE_CREDENTIALS }).s3();
};

/** Starts the agent of one simulated host, wired to the sim. */
export const startHostAgent = <Status, Event>(
  options: HostAgentOptions<Status, Event>,
): HostAgent<Status, Event> => {
  const { world, instanceId, transport, tracker } = options;
  const host = world.hosts().find((h) => h.instanceId === instanceId);
  if (host === undefined) throw new Error(`the world has no host ${instanceId}`);
  let killed = false;
  const dead = () => killed;

  const virtualScheduler: VirtualTimeScheduler | undefined =
    transport.time === 'virtual' ? transport.virtualTime.scheduler() : undefined;
  const inner: SchedulerLike = virtualScheduler ?? asyncScheduler;
  const scheduler = killableScheduler(inner);
  const sleep = (ms: number) => new Promise<void>((resolve) => scheduler.schedule(() => resolve(), ms));
  const unguarded = createAwsClients({
    region: world.region,
    credentials: FAKE_CREDENTIALS,
    // Retries wait on the agent's scheduler: virtual time sees them, as it sees every other wait.
    retryClock: { sleep, random: options.random },
    // In-process, the URL is only a name; an S3 endpoint of its own makes S3 path-style, as the sim serves it.
    endpoints: transport.time === 'real' ? transport.awsUrl : { s3: 'http://sim' },
    ...(transport.time === 'virtual' ? { requestHandler: transport.handler } : {}),
  });
  const clients = guardClients(unguarded, { tracker, dead, unsigned: transport.time === 'virtual' });
  const localTasks = inProcessLocalTasks(world, instanceId);

  const handle = options.startAgent({
    instanceId,
    urls: options.urls,
    clients,
    identity:
      transport.time === 'virtual'
        ? (cluster) =>
            resolveIdentity({
              overrides: { instanceId, containerInstanceArn: host.containerInstanceArn },
              ecsAgentUrls: [],
              cluster,
              ecs: clients.ecs,
            })
        : (cluster) =>
            resolveIdentity({
              ecsAgentUrls: [transport.hostUrl],
              imds: { endpoint: transport.hostUrl },
              cluster,
              ecs: clients.ecs,
            }),
    localTasks:
      transport.time === 'virtual'
        ? () => (dead() ? Promise.reject(killedError()) : tracker.track(localTasks))
        : () => readLocalTasks(transport.hostUrl),
    hostDriver: guardHostDriver(options.hostDriver, tracker, dead),
    scheduler,
    sleep,
    random: options.random,
    io: (work) => (dead() ? Promise.reject(killedError()) : tracker.track(work)),
  });

  const release = () => {
    if (transport.time === 'virtual' && virtualScheduler !== undefined)
      transport.virtualTime.release(virtualScheduler);
  };
  return {
    handle,
    kill: () => {
      killed = true;
      scheduler.kill();
      release();
    },
    release,
  };
};
