import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorld, realClock, startSim } from '@statika/sim';
import { benchHost, benchWorld } from './lib/bench-world.js';
import { CLOCK_TICKS, cpuTicks, procSmaps, procStatus } from './lib/proc.js';
import { type ProcessVariant, processVariants } from './lib/process-variants.js';
import { startQuietDocker } from './lib/quiet-docker.js';
import { median, show } from './lib/stats.js';
import type { Table } from './lib/table.js';

const RESTART_RUNS = 3;
const WARM_UP_MS = 15_000;

export interface ProcessResult {
  readonly variant: ProcessVariant;
  /** The first start, against load balancers on stale ports: ms from spawn to the end of the first reconcile, and its actions. */
  readonly coldStartMs: number;
  readonly coldStartActions: number;
  /** Restarts against a converged cluster (nothing to do): ms from spawn to the end of the first reconcile. */
  readonly restartMs: readonly number[];
  /** VmHWM: the peak resident set, KiB. */
  readonly peakRssKiB: number;
  /** Anonymous memory (no file behind it: heap, malloc, stacks) at the end of the window, KiB. */
  readonly anonymousKiB: number;
  /** utime + stime over the window, seconds. */
  readonly cpuSeconds: number;
  readonly windowSeconds: number;
  readonly reconciles: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface FirstReconcile {
  /** From spawn to the reconcile's log line (written when it ends). */
  readonly ms: number;
  readonly actions: number;
}

interface RunningAgent {
  readonly pid: number;
  readonly firstReconcile: Promise<FirstReconcile>;
  reconciles(): number;
  stop(): Promise<void>;
}

interface SimForBench {
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/** The sim over HTTP with the variant's services on one host, and the environment that points statika at it. */
const startSimFor = async (variant: ProcessVariant): Promise<SimForBench> => {
  const { services, sleepTimeSeconds } = variant;
  const docker = variant.localWatch === 'docker-events' ? await startQuietDocker() : undefined;
  const world = createWorld(benchWorld({ services, hosts: 1, sleepTimeSeconds }), {
    clock: realClock(),
    seed: 1,
  });
  const sim = await startSim(world);
  const stateDir = mkdtempSync(join(tmpdir(), 'statika-bench-'));
  return {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...variant.env,
      ...sim.env(benchHost(1)),
      CONFIGURATION_URL: 's3://statika/configuration.json',
      SERVICES_URL: 's3://statika/services.json',
      STATIKA_STATE_DIR: stateDir,
      STATIKA_HTTP_ADDRESS: '127.0.0.1:0',
      STATIKA_LOG_LEVEL: 'debug',
      STATIKA_DOCKER_SOCKET: docker?.socketPath ?? 'off',
    },
    close: async () => {
      await docker?.close();
      await sim.close();
      world.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
};

/** `statika run` as a child process; the start time is taken just before the spawn. */
const spawnAgent = (variant: ProcessVariant, env: Record<string, string>): RunningAgent => {
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(variant.node, [...variant.nodeArgs, variant.entry, 'run'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let reconciles = 0;
  let partial = '';
  let stderr = '';
  const firstReconcile = new Promise<FirstReconcile>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes('"event":"reconcile"')) continue;
        reconciles += 1;
        if (reconciles > 1) continue;
        const fields = JSON.parse(line) as { actions?: number };
        resolve({ ms: performance.now() - spawnedAt, actions: fields.actions ?? 0 });
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('exit', (code) =>
      reject(new Error(`statika exited (${code}) before its first reconcile: ${stderr}`)),
    );
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? 0,
    firstReconcile,
    reconciles: () => reconciles,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
};

/** CPU and peak memory of a running agent over `windowSeconds`, after a warm-up; then it is stopped. */
const measureWindow = async (agent: RunningAgent, windowSeconds: number) => {
  try {
    await sleep(WARM_UP_MS);
    const ticksBefore = cpuTicks(agent.pid);
    const reconcilesBefore = agent.reconciles();
    await sleep(windowSeconds * 1000);
    return {
      cpuSeconds: (cpuTicks(agent.pid) - ticksBefore) / CLOCK_TICKS,
      peakRssKiB: procStatus(agent.pid, 'VmHWM'),
      anonymousKiB: procSmaps(agent.pid, 'Anonymous'),
      reconciles: agent.reconciles() - reconcilesBefore,
    };
  } finally {
    await agent.stop();
  }
};

/**
 * The agent process in real time, for each variant: a first start against stale load balancers (timed to
 * its first reconcile), kept running for the CPU and memory window (the windows overlap: each process is
 * charged its own CPU time), then restarts against the converged cluster, one at a time.
 */
export const measureProcess = async (
  windowSeconds: number,
  variants: readonly ProcessVariant[] = processVariants(),
): Promise<ProcessResult[]> => {
  const sims = await Promise.all(variants.map(startSimFor));
  try {
    const colds: FirstReconcile[] = [];
    const windows: Promise<Awaited<ReturnType<typeof measureWindow>>>[] = [];
    for (const [i, sim] of sims.entries()) {
      const agent = spawnAgent(variants[i]!, sim.env);
      colds.push(await agent.firstReconcile);
      windows.push(measureWindow(agent, windowSeconds));
    }
    const measured = await Promise.all(windows);
    const restarts: number[][] = [];
    for (const [i, sim] of sims.entries()) {
      const runs: number[] = [];
      for (let run = 0; run < RESTART_RUNS; run++) {
        const agent = spawnAgent(variants[i]!, sim.env);
        runs.push((await agent.firstReconcile).ms);
        await agent.stop();
      }
      restarts.push(runs);
    }
    return variants.map((variant, i) => ({
      variant,
      coldStartMs: colds[i]?.ms ?? Number.NaN,
      coldStartActions: colds[i]?.actions ?? 0,
      restartMs: restarts[i] ?? [],
      windowSeconds,
      peakRssKiB: measured[i]?.peakRssKiB ?? Number.NaN,
      anonymousKiB: measured[i]?.anonymousKiB ?? Number.NaN,
      cpuSeconds: measured[i]?.cpuSeconds ?? Number.NaN,
      reconciles: measured[i]?.reconciles ?? 0,
    }));
  } finally {
    await Promise.all(sims.map((sim) => sim.close()));
  }
};

const megabytes = (kiB: number): number => (kiB * 1024) / 1e6;

const verdict = (value: number, goal: number | undefined, text: (over: number) => string): string =>
  goal === undefined ? '-' : value <= goal ? `met (≤ ${goal})` : text(value - goal);

export const processTable = (
  results: readonly ProcessResult[],
  windowSeconds: number,
  machine: string,
): Table => ({
  title: 'The agent process: memory, CPU and start-up (real time, against the sim)',
  columns: [
    'agent',
    'services',
    'resync',
    'local watch',
    'peak RSS',
    'private (anonymous)',
    'goal: peak MB',
    'CPU per hour (extrapolated)',
    'CPU % of a core',
    'goal: CPU %',
    'reconciles in window',
    'restart to first reconcile (median)',
    'restart worst',
    'goal < 1 s',
    'first start to first reconcile (its actions)',
  ],
  rows: results.map((r) => {
    const rssMB = megabytes(r.peakRssKiB);
    const cpuPerHour = (r.cpuSeconds / r.windowSeconds) * 3600;
    const cpuPercent = (r.cpuSeconds / r.windowSeconds) * 100;
    const startup = median(r.restartMs) ?? Number.NaN;
    const worst = Math.max(...r.restartMs);
    const { goals } = r.variant;
    return [
      r.variant.agent,
      r.variant.services,
      `${r.variant.sleepTimeSeconds} s`,
      r.variant.localWatch === 'poll' ? 'ECS agent polled 1/s' : 'Docker events',
      `${rssMB.toFixed(1)} MB`,
      `${megabytes(r.anonymousKiB).toFixed(1)} MB`,
      verdict(rssMB, goals.peakRssMB, (over) => `missed by ${over.toFixed(1)} MB`),
      `${cpuPerHour.toFixed(1)} s`,
      `${cpuPercent.toFixed(3)} %`,
      verdict(
        cpuPercent,
        goals.cpuPercent,
        () => `missed: ${(cpuPercent / (goals.cpuPercent ?? 1)).toFixed(1)}x`,
      ),
      r.reconciles,
      show(startup / 1000, 2, ' s'),
      show(worst / 1000, 2, ' s'),
      startup < 1000 ? 'met' : `missed by ${((startup - 1000) / 1000).toFixed(2)} s`,
      `${(r.coldStartMs / 1000).toFixed(2)} s (${r.coldStartActions})`,
    ];
  }),
  notes: [
    "Measured: `statika run` as a child process (debug logs to a pipe) against the sim over HTTP on 127.0.0.1 (ECS, ELB, S3, the ECS agent API for identity and the local watch), one host, one task per service: the built `packages/agent/bin/statika.js` on the Node that runs the bench, and the image's bundle (`dist/bundle/statika.mjs`) on Node 24 from the npm registry (scripts/node-line.mjs) with the node flags and environment of the Dockerfile's last stage (its `ENTRYPOINT`'s V8 flags, `--heap-growing-percent` and `--memory-saver-mode`, and its `ENV` lines: NODE_OPTIONS, the malloc settings).",
    `Peak RSS: VmHWM of /proc/<pid>/status at the end of the run (start-up included); private: Anonymous of /proc/<pid>/smaps_rollup then (heap, malloc, stacks; the rest of the RSS is file-backed, mostly the Node binary's code). CPU: utime + stime of /proc/<pid>/stat over a ${windowSeconds} s window after a ${WARM_UP_MS / 1000} s warm-up, extrapolated to an hour (a ${windowSeconds} s window, not a measured hour; ±1 clock tick = ${(1 / CLOCK_TICKS).toFixed(2)} s).`,
    `Start-up: from spawn to the log line that ends the first reconcile (Node start, module loading, identity from the ECS agent API, both files, one observation, its actions). Restart: ${RESTART_RUNS} runs against the converged cluster (no action); first start: one run against load balancers on stale ports (the actions it made in brackets).`,
    "Local watch: the ECS agent's `/v1/tasks` polled every second (`STATIKA_DOCKER_SOCKET=off`), or driven by the Docker Engine's event stream of a steady host (a unix socket that answers `GET /events` and sends no event, as a daemon does while no ECS container changes; an event costs one read of `/v1/tasks`, then one a second for 10 s).",
    'The long runs ran side by side, one sim each (each process is charged its own CPU time); the sims run in the benchmark process, not in the agents.',
    machine,
    `Rerun: \`pnpm --filter @statika/agent bench -- --only process [--window ${windowSeconds}]\`.`,
  ],
});
