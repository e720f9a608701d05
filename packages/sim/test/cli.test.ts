import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import test from 'ava';

// The executable as shipped: it imports ../dist/cli.js, so these tests run after `pnpm build`.
const bin = fileURLToPath(new URL('../bin/statika-sim.js', import.meta.url));

const run = (args: readonly string[]) => {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { child, stdout: () => stdout, stderr: () => stderr };
};

const exitCode = async (child: ReturnType<typeof spawn>): Promise<number | null> => {
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
};

test('--help prints the usage and exits 0', async (t) => {
  const { child, stdout } = run(['--help']);
  t.is(await exitCode(child), 0);
  t.regex(stdout(), /Usage: statika-sim \[--scenario demo\|<file\.json>\] \[--port N\] \[--host-index N\]/);
});

test('a bad argument exits 2 with a message', async (t) => {
  const { child, stderr } = run(['--port', 'x']);
  t.is(await exitCode(child), 2);
  t.regex(stderr(), /--port needs a non-negative integer/);
});

test('prints the environment for one host, serves it, and stops cleanly on SIGTERM', async (t) => {
  const { child, stdout } = run(['--scenario', 'demo', '--quiet']);
  for (let i = 0; i < 100 && !stdout().includes('SERVICES_URL'); i++)
    await new Promise((r) => setTimeout(r, 50));
  const env = Object.fromEntries(
    stdout()
      .trim()
      .split('\n')
      .map((line) => /^export (\w+)=(.*)$/.exec(line)?.slice(1, 3) ?? []),
  );
  t.is(env.CONFIGURATION_URL, 's3://statika/configuration.json');
  t.is(env.SERVICES_URL, 's3://statika/services.json');
  t.regex(env.AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
  const services = await fetch(`${env.AWS_ENDPOINT_URL_S3}/statika/services.json`);
  t.is(services.status, 200);
  const metadata = (await (await fetch(`${env.STATIKA_ECS_AGENT_URL}/v1/metadata`)).json()) as {
    Cluster: string;
  };
  t.is(metadata.Cluster, 'demo');
  child.kill('SIGTERM');
  t.is(await exitCode(child), 0);
});
