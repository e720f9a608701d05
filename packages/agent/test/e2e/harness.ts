import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorld, realClock, startSim } from '@statika/sim';
import type { ExecutionContext } from 'ava';
import { imageEnv, imageNodeArgs } from '../../bench/lib/image-runtime.js';

/** The built command, run exactly as an operator runs it. */
export const statikaBin = fileURLToPath(new URL('../../bin/statika.js', import.meta.url));

/**
 * What the e2e tests run: `bin/statika.js`, or with STATIKA_E2E_BUNDLE=1 (`pnpm run test:bundle`) the
 * image's bundle with the image's node flags and environment (its ENTRYPOINT's flags, and NODE_OPTIONS and the
 * malloc settings of its ENV lines), on the Node that runs the tests: the same black-box behaviour checked on what the image ships.
 * Run it on Node 24, the image's line (CI does): one of those flags, `--memory-saver-mode`, is unknown to Node 22.
 */
const underTest = process.env.STATIKA_E2E_BUNDLE
  ? {
      entry: fileURLToPath(new URL('../../dist/bundle/statika.mjs', import.meta.url)),
      nodeArgs: imageNodeArgs(),
      env: imageEnv(),
    }
  : { entry: statikaBin, nodeArgs: [], env: {} };

export type LogLine = Record<string, unknown> & { readonly level?: string; readonly msg?: string };

export interface AgentProcess {
  readonly child: ChildProcess;
  /** Every stdout line that parsed as JSON, in order. */
  readonly logs: LogLine[];
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** `host:port` of the HTTP endpoints, from the start-up log line. */
  readonly httpAddress: () => Promise<string>;
  readonly status: () => Promise<StatusBody>;
  readonly kill: (signal?: NodeJS.Signals) => void;
}

export interface StatusBody {
  readonly ready: boolean;
  readonly files: readonly { url: string; error?: string; loadedAt?: string }[];
  readonly services: readonly {
    service: string;
    state: string;
    serving?: { hostPort: number; onThisHost: boolean };
    lastError?: { code: string; message: string };
  }[];
}

/** Starts `statika` with this environment (nothing inherited but PATH and HOME) and collects its logs. */
export const startAgent = (env: Record<string, string>, args: readonly string[] = []): AgentProcess => {
  const child = spawn(process.execPath, [...underTest.nodeArgs, underTest.entry, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...underTest.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ msg: line, level: 'not-json' });
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const httpAddress = async () => {
    await waitFor('the HTTP endpoints', () => logs.some((l) => typeof l.address === 'string'));
    return String(logs.find((l) => typeof l.address === 'string')?.address);
  };
  return {
    child,
    logs,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    httpAddress,
    status: async () => (await (await fetch(`http://${await httpAddress()}/status`)).json()) as StatusBody,
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
};

/** Polls `condition` until it holds; fails with `what` and the last error when the deadline passes. */
export const waitFor = async (
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await condition()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
};

/** A temporary directory with the two files, removed by `remove`. */
export const tempFiles = (configuration: unknown, services: unknown) => {
  const dir = mkdtempSync(join(tmpdir(), 'statika-e2e-'));
  const configurationPath = join(dir, 'configuration.json');
  const servicesPath = join(dir, 'services.json');
  writeFileSync(configurationPath, JSON.stringify(configuration));
  writeFileSync(servicesPath, JSON.stringify(services));
  return {
    dir,
    configurationPath,
    servicesPath,
    stateDir: join(dir, 'state'),
    writeServices: (text: string) => writeFileSync(servicesPath, text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};

/** Runs `statika` to completion (for `--help`, `validate`, `--once`). */
export const runStatika = async (
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 20_000,
) => {
  const agent = startAgent(env, args);
  const timer = setTimeout(() => agent.kill('SIGKILL'), timeoutMs);
  const { code } = await agent.exited;
  clearTimeout(timer);
  return {
    code,
    stdout: agent.stdout(),
    stderr: agent.stderr(),
    logs: agent.logs,
  };
};

export const hostA = 'i-0aaaaaaaaaaaaaaa1';
export const hostB = 'i-0bbbbbbbbbbbbbbb2';
export const staleListener = {
  protocol: 'HTTP',
  loadBalancerPort: 80,
  instanceProtocol: 'HTTP',
  instancePort: 31000,
  policyNames: [] as string[],
};
export const staleHealthCheck = {
  target: 'HTTP:31000/health',
  interval: 5,
  timeout: 2,
  unhealthyThreshold: 2,
  healthyThreshold: 2,
};

/** The web task definition: one container, a dynamic port, healthy soon after it runs, a short stop. */
export const webTaskDefinition = {
  family: 'web',
  startDelayMs: 200,
  stopTimeoutMs: 1500,
  containers: [
    {
      name: 'web',
      portMappings: [{ containerPort: 8080, hostPort: 0 }],
      healthCheck: { healthyAfterMs: 200 },
    },
  ],
};

export const agentConfiguration = { cluster: 'prod', sleepTimeSeconds: 1, settleTimeSeconds: 0 };
export const webServices = [
  { serviceName: 'web', family: 'web', exposedContainerName: 'web', loadBalancerName: 'web-elb' },
];

/** The agent's environment against a running sim for one host: no real AWS, no HTTP port clash. */
export const agentEnv = (
  simEnv: Record<string, string>,
  files: { configurationPath: string; servicesPath: string; stateDir: string },
  extra: Record<string, string> = {},
): Record<string, string> => ({
  ...simEnv,
  CONFIGURATION_URL: files.configurationPath,
  SERVICES_URL: files.servicesPath,
  STATIKA_STATE_DIR: files.stateDir,
  STATIKA_HTTP_ADDRESS: '127.0.0.1:0',
  AWS_ACCESS_KEY_ID: 'AKIDSTATIKAE2E',
  AWS_SECRET_ACCESS_KEY: 'statika-e2e-secret',
  ...extra,
});

/** The log lines of AWS changes of one type (as logged from the agent's `action` events). */
export const actionLogs = (agent: AgentProcess, type?: string): LogLine[] =>
  agent.logs.filter((l) => l.event === 'action' && (type === undefined || l.action === type));

export type World = ReturnType<typeof createWorld>;
export type WorldSpec = Parameters<typeof createWorld>[0];

/** One host running one `web` task behind `web-elb`, whose listener and health check point at stale ports. */
export const oneHostWorld = (loadBalancer: Partial<WorldSpec['loadBalancers'][number]> = {}): WorldSpec => ({
  cluster: 'prod',
  hosts: [{ instanceId: hostA }],
  taskDefinitions: [webTaskDefinition],
  services: [{ serviceName: 'web', family: 'web', desiredCount: 1 }],
  loadBalancers: [
    { name: 'web-elb', listeners: [staleListener], healthCheck: staleHealthCheck, ...loadBalancer },
  ],
});

/**
 * A world served over HTTP in real time, the two Statika files on disk, and `agentOn(host)` to start the
 * built agent for a host; everything is torn down with the test.
 */
export const startCluster = async (
  t: ExecutionContext,
  spec: WorldSpec,
  configuration: object = agentConfiguration,
) => {
  const world = createWorld(spec, { clock: realClock() });
  const sim = await startSim(world);
  const files = tempFiles(configuration, webServices);
  t.teardown(async () => {
    await sim.close();
    world.close();
    files.remove();
  });
  const env = agentEnv(sim.env(hostA), files);
  const agentOn = (instanceId: string = hostA) => {
    const agent = startAgent(instanceId === hostA ? env : agentEnv(sim.env(instanceId), files));
    t.teardown(() => agent.kill('SIGKILL'));
    return agent;
  };
  return { world, sim, files, env, agentOn };
};

/** The host port of the first running task. */
export const runningTaskPort = (world: World): number | undefined =>
  world.tasks().find((task) => task.lastStatus === 'RUNNING')?.containers[0]?.networkBindings[0]?.hostPort;

/** The instance port of `web-elb`'s listener on port 80. */
export const listenerPort = (world: World): number | undefined =>
  world.loadBalancer('web-elb')?.listeners.find((l) => l.loadBalancerPort === 80)?.instancePort;
