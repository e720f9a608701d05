import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const statika = fileURLToPath(new URL('../../bin/statika.js', import.meta.url));

test('the demo is a statika subcommand with help, exiting 0 when every scenario converged', async (t) => {
  const help = await promisify(execFile)(process.execPath, [statika, 'demo', '--help']);
  t.regex(help.stdout, /Usage: statika demo/);
  const run = await promisify(execFile)(process.execPath, [statika, 'demo', '--fast'], { timeout: 60_000 });
  t.regex(run.stdout, /Every scenario converged\./);
  t.regex(run.stdout, /4\. rolling deploy under throttling/);
  t.notRegex(run.stderr, /NodeVersionSupportWarning/);
});

test('statika demo rejects a bad flag with exit code 2', async (t) => {
  const error = await t.throwsAsync(promisify(execFile)(process.execPath, [statika, 'demo', '--fsat']));
  t.is((error as unknown as { code: number }).code, 2);
});
