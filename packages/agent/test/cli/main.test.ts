import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { commands } from '../../src/cli/commands.js';
import { formatHelp } from '../../src/cli/help.js';
import { main } from '../../src/cli/main.js';
import { captureContext } from '../helpers/cli.js';

test('statika --help and statika help list every command', async (t) => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    const { ctx, stdout } = captureContext();
    t.is(await main(args, ctx), 0);
    for (const command of commands)
      t.true(stdout().includes(`  ${command.name} `), `${args[0]} lists ${command.name}`);
  }
});

test('an unknown command exits 2 with one line on stderr', async (t) => {
  const { ctx, stderr } = captureContext();
  t.is(await main(['deploy'], ctx), 2);
  t.is(stderr(), 'statika: unknown command "deploy"\nTry statika --help\n');
});

test('flags without a command go to run', async (t) => {
  const { ctx, stdout } = captureContext();
  t.is(await main(['--dry-run', '--help'], ctx), 0);
  t.regex(stdout(), /^Usage: statika \[run\]/);
});

test('run without CONFIGURATION_URL exits 2 before touching anything', async (t) => {
  const { ctx, stderr } = captureContext({ SERVICES_URL: 's.json', AWS_REGION: 'eu-west-1' });
  t.is(await main(['run'], ctx), 2);
  t.regex(stderr(), /^statika run: CONFIGURATION_URL is not set/);
});

test('a bad HTTP address exits 2', async (t) => {
  const { ctx, stderr } = captureContext({
    CONFIGURATION_URL: 'c.json',
    SERVICES_URL: 's.json',
    AWS_REGION: 'eu-west-1',
  });
  t.is(await main(['run', '--http-address', 'everywhere'], ctx), 2);
  t.regex(stderr(), /invalid HTTP address "everywhere"/);
});

test('every command has a help that answers usage, options, exit codes and examples', (t) => {
  for (const command of commands) {
    const { help } = command;
    t.true(help.usage.startsWith('statika'), command.name);
    t.true(
      help.options.some((o) => o.name === 'help' && o.short === 'h'),
      `${command.name} has --help/-h`,
    );
    t.true(
      help.exitCodes.some(([code]) => code === 0),
      `${command.name} exit codes`,
    );
    t.true(help.examples.length > 0, `${command.name} examples`);
  }
});

test('a command without environment variables says so in its help', (t) => {
  const text = formatHelp({
    usage: 'statika x',
    description: 'x',
    options: [],
    environment: [],
    exitCodes: [],
    examples: [],
  });
  t.regex(text, /\nEnvironment:\n {2}none +no environment variable is read/);
});

test('a state directory that cannot be written exits 2 with a message that names it', async (t) => {
  // A directory below a regular file can never be created.
  const file = join(mkdtempSync(join(tmpdir(), 'statika-cli-')), 'a-file');
  writeFileSync(file, '');
  const { ctx, stderr } = captureContext({
    CONFIGURATION_URL: 'c.json',
    SERVICES_URL: 's.json',
    AWS_REGION: 'eu-west-1',
    STATIKA_HTTP_ADDRESS: 'off',
  });
  t.is(await main(['run', '--state-dir', join(file, 'state')], ctx), 2);
  t.regex(stderr(), /the state directory .*a-file\/state cannot be written/);
});
