import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createWorld, realClock, startSim } from '@statika/sim';
import { benchHost, benchWorld } from './lib/bench-world.js';
import { median, show } from './lib/stats.js';
import type { Table } from './lib/table.js';

/** The built command, as an operator runs it. */
const STATIKA_BIN = fileURLToPath(new URL('../bin/statika.js', import.meta.url));
/** Clock ticks per second of /proc/<pid>/stat's utime and stime (`getconf CLK_TCK`; 100 on Linux). */
const CLOCK_TICKS = 100;
const RESTART_RUNS = 3;
const WARM_UP_MS = 15_000;

export interface ProcessResult {
  readonly services: number;
  /** The first start, against load balancers on stale ports: ms from spawn to the end of the first reconcile, and its actions. */
  readonly coldStartMs: number;
  readonly coldStartActions: number;
  /** Restarts against a converged cluster (nothing to do): ms from spawn to the end of the first reconcile. */
  readonly restartMs: readonly number[];
  /** VmHWM: the peak resident set, KiB. */
  readonly peakRssKiB: number;
  /** utime + stime over the window, seconds. */
  readonly cpuSeconds: number;
  readonly windowSeconds: number;
  readonly reconciles: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const procStatus = (pid: number, field: string): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN);
};

/** utime + stime of the process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
const cpuTicks = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

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

/** The sim over HTTP with `services` services on one host, and the environment that points statika at it. */
const startSimFor = async (services: number): Promise<SimForBench> => {
  const world = createWorld(benchWorld({ services, hosts: 1 }), { clock: realClock(), seed: 1 });
  const sim = await startSim(world);
  const stateDir = mkdtempSync(join(tmpdir(), 'statika-bench-'));
  return {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...sim.env(benchHost(1)),
      CONFIGURATION_URL: 's3://statika/configuration.json',
      SERVICES_URL: 's3://statika/services.json',
      STATIKA_STATE_DIR: stateDir,
      STATIKA_HTTP_ADDRESS: '127.0.0.1:0',
      STATIKA_LOG_LEVEL: 'debug',
    },
    close: async () => {
      await sim.close();
      world.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
};

/** `statika run` as a child process; the start time is taken just before the spawn. */
const spawnAgent = (env: Record<string, string>): RunningAgent => {
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, [STATIKA_BIN, 'run'], {
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
      reconciles: agent.reconciles() - reconcilesBefore,
    };
  } finally {
    await agent.stop();
  }
};

/**
 * The agent process in real time, with 2 and 100 services: a first start against stale load balancers
 * (timed to its first reconcile), kept running for the CPU and memory window (the two windows overlap:
 * each process is charged its own CPU time), then restarts against the converged cluster, one at a time.
 */
export const measureProcess = async (windowSeconds: number): Promise<ProcessResult[]> => {
  const counts = [2, 100];
  const sims = await Promise.all(counts.map(startSimFor));
  try {
    const colds: FirstReconcile[] = [];
    const windows: Promise<Awaited<ReturnType<typeof measureWindow>>>[] = [];
    for (const sim of sims) {
      const agent = spawnAgent(sim.env);
      colds.push(await agent.firstReconcile);
      windows.push(measureWindow(agent, windowSeconds));
    }
    const measured = await Promise.all(windows);
    const restarts: number[][] = [];
    for (const sim of sims) {
      const runs: number[] = [];
      for (let i = 0; i < RESTART_RUNS; i++) {
        const agent = spawnAgent(sim.env);
        runs.push((await agent.firstReconcile).ms);
        await agent.stop();
      }
      restarts.push(runs);
    }
    return counts.map((services, i) => ({
      services,
      coldStartMs: colds[i]?.ms ?? Number.NaN,
      coldStartActions: colds[i]?.actions ?? 0,
      restartMs: restarts[i] ?? [],
      windowSeconds,
      peakRssKiB: measured[i]?.peakRssKiB ?? Number.NaN,
      cpuSeconds: measured[i]?.cpuSeconds ?? Number.NaN,
      reconciles: measured[i]?.reconciles ?? 0,
    }));
  } finally {
    await Promise.all(sims.map((sim) => sim.close()));
  }
};

export const processTable = (
  results: readonly ProcessResult[],
  windowSeconds: number,
  machine: string,
): Table => ({
  title: 'The agent process: memory, CPU and start-up (real time, against the sim)',
  columns: [
    'services',
    'peak RSS',
    'goal < 64 MB',
    'CPU per hour (extrapolated)',
    'CPU % of a core',
    'goal < 0.1 %',
    'reconciles in window',
    'restart to first reconcile (median)',
    'restart worst',
    'goal < 1 s',
    'first start to first reconcile (its actions)',
  ],
  rows: results.map((r) => {
    const rssMB = (r.peakRssKiB * 1024) / 1e6;
    const cpuPerHour = (r.cpuSeconds / r.windowSeconds) * 3600;
    const cpuPercent = (r.cpuSeconds / r.windowSeconds) * 100;
    const startup = median(r.restartMs) ?? Number.NaN;
    const worst = Math.max(...r.restartMs);
    return [
      r.services,
      `${rssMB.toFixed(1)} MB`,
      rssMB < 64 ? 'met' : `missed by ${(rssMB - 64).toFixed(1)} MB`,
      `${cpuPerHour.toFixed(1)} s`,
      `${cpuPercent.toFixed(3)} %`,
      cpuPercent < 0.1 ? 'met' : `missed: ${(cpuPercent / 0.1).toFixed(1)}x`,
      r.reconciles,
      show(startup / 1000, 2, ' s'),
      show(worst / 1000, 2, ' s'),
      startup < 1000 ? 'met' : `missed by ${((startup - 1000) / 1000).toFixed(2)} s`,
      `${(r.coldStartMs / 1000).toFixed(2)} s (${r.coldStartActions})`,
    ];
  }),
  notes: [
    'Measured: the built `packages/agent/bin/statika.js run` as a child process (Node, debug logs to a pipe) against the sim over HTTP on 127.0.0.1 (ECS, ELB, S3, the ECS agent API for identity and the local watch), one host, one task per service, sleepTimeSeconds 10.',
    `Peak RSS: VmHWM of /proc/<pid>/status at the end of the run (start-up included). CPU: utime + stime of /proc/<pid>/stat over a ${windowSeconds} s window after a ${WARM_UP_MS / 1000} s warm-up, extrapolated to an hour (a ${windowSeconds} s window, not a measured hour; ±1 clock tick = ${(1 / CLOCK_TICKS).toFixed(2)} s).`,
    `Start-up: from spawn to the log line that ends the first reconcile (Node start, module loading, identity from the ECS agent API, both files, one observation, its actions). Restart: ${RESTART_RUNS} runs against the converged cluster (no action); first start: one run against load balancers on stale ports (the actions it made in brackets).`,
    'The two long runs ran side by side (each process is charged its own CPU time); the sim runs in the benchmark process, not in the agent.',
    machine,
    `Rerun: \`pnpm --filter @statika/agent bench -- --only process [--window ${windowSeconds}]\`.`,
  ],
});
