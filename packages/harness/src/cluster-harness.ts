import type { ConfigurationFile } from '@statika/core';
import type { HostDriver } from '@statika/host';
import {
  type CallCounts,
  createInProcessHandler,
  type Fault,
  type InProcessHandler,
  type RunningSim,
  seededRandom,
  startSim,
  type VirtualClock,
  type World,
  type WorldSpec,
} from '@statika/sim';
import { type Observable, Subject } from 'rxjs';
import type { StartAgent } from './harness-agent.js';
import { createHarnessWorld, writeFiles } from './harness-world.js';
import { type HostAgent, preloadS3Client, startHostAgent } from './host-agent.js';
import { createIoTracker } from './io-tracker.js';
import { simHostDriver } from './sim-host-driver.js';
import { createVirtualTime, type VirtualTime } from './virtual-time.js';

/**
 * A simulated cluster with one agent per host: the sim (`@statika/sim`) plays AWS, each agent is the one
 * `agent` starts, on the real aws adapters and SDK clients (`SimHost`). With Statika's agent
 * (`createSimCluster` in `@statika/agent`) the demo, the end-to-end tests, the benchmarks and the soak are
 * built on it.
 *
 * - `time: 'real'`: the sim serves HTTP on 127.0.0.1 (`startSim`), the agents run on the async scheduler
 *   and find their identity through the sim's ECS agent API, as on a real host; their SDK clients are
 *   given the sim's URL as their endpoint.
 * - `time: 'virtual'`: the sim's `VirtualClock` and one RxJS `VirtualTimeScheduler` per agent share one
 *   virtual time; the SDK clients talk to the sim in-process (`createInProcessHandler`). Time moves only
 *   in `advance` and `runUntil`, and only when no I/O is in flight, so runs are fast and repeatable.
 *
 * ```ts
 * const cluster = await createClusterHarness({ world: demoScenario(), time: 'virtual', agent });
 * await cluster.runUntil(() => cluster.allInSync(), { timeoutMs: 60_000 });
 * cluster.world.deploy('web');
 * await cluster.runUntil(() => cluster.allInSync() && cluster.world.probe('web-elb', 80), { timeoutMs: 120_000 });
 * await cluster.stop();
 * ```
 */
export interface ClusterHarnessOptions<Status = unknown, Event = unknown> {
  /** Starts the agent of one host, at the start and at every restart. */
  readonly agent: StartAgent<Status, Event>;
  /** The world: a spec (created on the harness's clock), or a world created on a clock matching `time`. */
  readonly world: WorldSpec | World;
  readonly time: 'real' | 'virtual';
  /** Instance ids of the hosts that run an agent, in agent index order. Default: every host of the world. */
  readonly hosts?: readonly string[];
  /**
   * Fields merged over the world's configuration file (`configuration.json` in its S3 objects, else
   * `{ cluster, sleepTimeSeconds: 10 }`), written back to S3 so the agents read it as in production.
   */
  readonly configuration?: Partial<ConfigurationFile>;
  /** The services file as JSON, written to S3; default the world's `services.json` object. */
  readonly services?: unknown;
  /** Faults set on the world before the agents start: operation (or '*') → fault. */
  readonly faults?: Readonly<Record<string, Fault>>;
  /** Seeds the world (when created here) and the agents' jitter. Default 1. */
  readonly seed?: number;
  /** Virtual time only: the epoch ms the clock starts at (ignored for a given world). */
  readonly startAt?: number;
  /** Start the agents at once (default) or leave it to `startAgent(i)`. */
  readonly startAgents?: boolean;
  /**
   * Each host's kernel forwarding rules (node-port mode): default an in-memory fake per host that the
   * sim's host follows (`simHostDriver`; kept across the agent's restarts, as the kernel keeps them); the
   * end-to-end test gives real nft drivers, each in a network namespace of its own.
   */
  readonly hostDriver?: (instanceId: string, world: World) => HostDriver;
}

/** An event of one agent, with the host it runs on. */
export interface HarnessAgentEvent<Event> {
  readonly agent: number;
  readonly instanceId: string;
  readonly event: Event;
}

export interface ClusterHarness<Status, Event> {
  readonly world: World;
  readonly time: 'real' | 'virtual';
  /** Instance ids of the agents' hosts, by agent index. */
  readonly hosts: readonly string[];
  /** The files the agents read. */
  readonly urls: { readonly configuration: string; readonly services: string };
  /** Every agent's events, as they happen. */
  readonly events$: Observable<HarnessAgentEvent<Event>>;
  /** The world's clock: virtual or real epoch ms. */
  now(): number;
  /** Lets `ms` of time pass (virtual: runs everything due; real: waits). */
  advance(ms: number): Promise<void>;
  /** Lets time pass until `predicate` holds (true) or `timeoutMs` passed (false; default 60 s). */
  runUntil(predicate: () => boolean, options?: { readonly timeoutMs?: number }): Promise<boolean>;
  /** The agent's latest status, undefined while it is not running. */
  status(i: number): Status | undefined;
  /** Every running agent has a good configuration loaded and reports every service in sync. */
  allInSync(): boolean;
  isRunning(i: number): boolean;
  startAgent(i: number): void;
  /** Kills agent `i` as SIGKILL would: no more work, calls in flight fail, the journal stays as it is. */
  killAgent(i: number): void;
  /** Starts agent `i` again (killed or stopped) with the same journal. */
  restartAgent(i: number): void;
  /** Stops agent `i` gracefully (`HarnessAgent.stop`), letting time pass until it has. */
  stopAgent(i: number, options?: { readonly deregister?: boolean }): Promise<void>;
  /** The host driver of agent `i`'s host (node-port mode's forwarding rules). */
  hostDriver(i: number): HostDriver;
  /** Calls the world received (AWS, IMDS, ECS agent), by operation. */
  calls(): CallCounts;
  /** Stops every agent and the sim. */
  stop(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export const createClusterHarness = async <Status, Event>(
  options: ClusterHarnessOptions<Status, Event>,
): Promise<ClusterHarness<Status, Event>> => {
  const world = createHarnessWorld(options);
  const hosts = options.hosts ?? world.hosts().map((h) => h.instanceId);
  const urls = writeFiles(world, options);
  for (const [operation, fault] of Object.entries(options.faults ?? {})) world.setFault(operation, fault);

  const tracker = createIoTracker();
  const random = seededRandom((options.seed ?? 1) + 7919);

  const hostDrivers: readonly HostDriver[] = hosts.map(
    (id) => options.hostDriver?.(id, world) ?? simHostDriver(world, id),
  );

  let handler: InProcessHandler | undefined;
  let virtualTime: VirtualTime | undefined;
  let sim: RunningSim | undefined;
  if (options.time === 'virtual') {
    await preloadS3Client();
    handler = createInProcessHandler(world, { kind: 'aws' });
    const inProcess = handler;
    virtualTime = createVirtualTime({
      clock: world.clock as VirtualClock,
      pending: () => inProcess.inFlight() + tracker.pending(),
      // Every in-process request is an agent's call, which its guard tracks: the tracked work that is not
      // a call waiting for the sim's clock.
      busy: () => tracker.pending() - inProcess.waitingOnClock(),
    });
  } else {
    sim = await startSim(world);
  }

  const events = new Subject<HarnessAgentEvent<Event>>();
  const agents: (HostAgent<Status, Event> | undefined)[] = hosts.map(() => undefined);

  const agentAt = (i: number): string => {
    const id = hosts[i];
    if (id === undefined) throw new Error(`no agent ${i}: the harness has ${hosts.length}`);
    return id;
  };

  const startAgent = (i: number): void => {
    const instanceId = agentAt(i);
    if (agents[i] !== undefined) throw new Error(`agent ${i} (${instanceId}) is already running`);
    const hostUrl = sim?.hosts.find((h) => h.instanceId === instanceId)?.url;
    const agent = startHostAgent({
      world,
      instanceId,
      urls,
      hostDriver: hostDrivers[i] as HostDriver,
      tracker,
      random: () => random.next(),
      transport:
        virtualTime !== undefined && handler !== undefined
          ? { time: 'virtual', handler, virtualTime }
          : { time: 'real', awsUrl: sim?.awsUrl ?? '', hostUrl: hostUrl ?? '' },
      startAgent: options.agent,
    });
    agent.handle.events$.subscribe((event) => events.next({ agent: i, instanceId, event }));
    agents[i] = agent;
  };

  const killAgent = (i: number): void => {
    agents[i]?.kill();
    agents[i] = undefined;
  };

  const advance = async (ms: number): Promise<void> => {
    if (virtualTime !== undefined) await virtualTime.advanceTo(virtualTime.now() + ms);
    else await new Promise((resolve) => setTimeout(resolve, ms));
  };

  const runUntil = async (
    predicate: () => boolean,
    opts: { readonly timeoutMs?: number } = {},
  ): Promise<boolean> => {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (virtualTime !== undefined) return virtualTime.advanceTo(virtualTime.now() + timeoutMs, predicate);
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  };

  const stopAgent = async (i: number, stopOptions?: { readonly deregister?: boolean }): Promise<void> => {
    const agent = agents[i];
    if (agent === undefined) return;
    let stopped = false;
    const done = agent.handle.stop(stopOptions).then(() => {
      stopped = true;
    });
    // Stopping takes scheduler turns (the action in flight finishes first): let time pass until it is done.
    const finished = await runUntil(() => stopped, { timeoutMs: 30_000 });
    if (!finished) throw new Error(`agent ${i} (${agentAt(i)}) did not stop within 30 s`);
    await done;
    agent.release();
    agents[i] = undefined;
  };

  if (options.startAgents ?? true) {
    for (let i = 0; i < hosts.length; i++) startAgent(i);
  }

  return {
    world,
    time: options.time,
    hosts,
    urls,
    events$: events.asObservable(),
    now: () => world.clock.now(),
    advance,
    runUntil,
    status: (i) => agents[i]?.handle.status(),
    allInSync: () => agents.every((agent) => agent === undefined || agent.handle.inSync()),
    isRunning: (i) => agents[i] !== undefined,
    startAgent,
    killAgent,
    restartAgent: (i) => {
      killAgent(i);
      startAgent(i);
    },
    stopAgent,
    hostDriver: (i) => {
      agentAt(i);
      return hostDrivers[i] as HostDriver;
    },
    calls: () => world.calls(),
    stop: async () => {
      for (let i = 0; i < agents.length; i++) await stopAgent(i);
      events.complete();
      await sim?.close();
    },
  };
};
