import { accessSync, constants, readFileSync } from 'node:fs';
import test from 'ava';
import { runStatika, statikaBin, tempFiles } from './harness.js';

/** The built `statika` as an operator runs it: help, exit codes, validate. Serial: each test starts a process. */

const goodConfiguration = { cluster: 'prod', sleepTimeSeconds: 10 };
const goodServices = [
  { serviceName: 'web', family: 'web', exposedContainerName: 'web', loadBalancerName: 'web-elb' },
];

test.serial('bin/statika.js is an executable node script', (t) => {
  t.notThrows(() => accessSync(statikaBin, constants.X_OK));
  t.true(readFileSync(statikaBin, 'utf8').startsWith('#!/usr/bin/env node\n'));
});

test.serial('statika --help lists the commands and exits 0', async (t) => {
  const { code, stdout, stderr } = await runStatika(['--help']);
  t.is(code, 0, stderr);
  for (const command of ['run', 'plan', 'validate']) t.regex(stdout, new RegExp(`\\n {2}${command} `));
});

for (const command of ['run', 'plan', 'validate']) {
  test.serial(
    `statika ${command} --help answers what it does, flags, environment, exit codes and examples`,
    async (t) => {
      const { code, stdout, stderr } = await runStatika([command, '--help']);
      t.is(code, 0, stderr);
      for (const section of ['Usage:', 'Options:', 'Environment:', 'Exit codes:', 'Examples:']) {
        t.true(stdout.includes(section), `${command} --help lacks ${section}`);
      }
    },
  );
}

test.serial('-h works like --help on a subcommand', async (t) => {
  const { code, stdout, stderr } = await runStatika(['run', '-h']);
  t.is(code, 0, stderr);
  t.regex(stdout, /--dry-run/);
});

test.serial('an unknown flag exits 2 with one line and no stack trace', async (t) => {
  const { code, stderr } = await runStatika(['run', '--frobnicate']);
  t.is(code, 2, stderr);
  t.regex(stderr, /^statika run: Unknown option '--frobnicate'/);
  t.notRegex(stderr, /\n\s+at /);
});

test.serial('a missing CONFIGURATION_URL exits 2 with a message that names it', async (t) => {
  const { code, stderr } = await runStatika([], { SERVICES_URL: './s.json', AWS_REGION: 'eu-west-1' });
  t.is(code, 2, stderr);
  t.regex(stderr, /^statika run: CONFIGURATION_URL is not set \(or pass --configuration\)\n/);
});

test.serial('a missing region exits 2', async (t) => {
  const { code, stderr } = await runStatika([], { CONFIGURATION_URL: './c.json', SERVICES_URL: './s.json' });
  t.is(code, 2, stderr);
  t.regex(stderr, /AWS_REGION is not set/);
});

test.serial('an unsupported URL scheme exits 2 with a message that names the URL', async (t) => {
  const { code, stderr } = await runStatika([], {
    CONFIGURATION_URL: 'ftp://example.com/c.json',
    SERVICES_URL: './s.json',
    AWS_REGION: 'eu-west-1',
  });
  t.is(code, 2, stderr);
  t.regex(stderr, /ftp:\/\/example\.com\/c\.json/);
  t.notRegex(stderr, /\n\s+at /);
});

test.serial('statika validate exits 0 on good files', async (t) => {
  const files = tempFiles(goodConfiguration, goodServices);
  t.teardown(files.remove);
  const { code, stdout, stderr } = await runStatika([
    'validate',
    files.configurationPath,
    `file://${files.servicesPath}`,
  ]);
  t.is(code, 0, stdout + stderr);
  t.regex(stdout, /configuration\.json: ok/);
  t.regex(stdout, /services\.json: ok/);
});

test.serial('statika validate prints every problem with its file and JSON path and exits 1', async (t) => {
  const files = tempFiles({ cluster: '', sleepTimeSeconds: -1 }, [
    ...goodServices,
    { serviceName: 'api', exposedContainerName: 'api', loadBalancerName: 42 },
  ]);
  t.teardown(files.remove);
  const { code, stdout, stderr } = await runStatika([
    'validate',
    files.configurationPath,
    files.servicesPath,
  ]);
  t.is(code, 1, stderr);
  t.regex(stdout, /configuration\.json: cluster: expected/);
  t.regex(stdout, /configuration\.json: sleepTimeSeconds: expected/);
  t.regex(stdout, /services\.json: services\[1\]\.loadBalancerName: expected a non-empty string, got 42/);
});

test.serial('statika validate reports unknown fields as warnings and still exits 0', async (t) => {
  const files = tempFiles({ ...goodConfiguration, sleepTime: 5 }, goodServices);
  t.teardown(files.remove);
  const { code, stdout, stderr } = await runStatika([
    'validate',
    files.configurationPath,
    files.servicesPath,
  ]);
  t.is(code, 0, stderr);
  t.regex(stdout, /configuration\.json: .*warning/);
});

test.serial('statika validate reports a file that cannot be read and exits 1', async (t) => {
  const files = tempFiles(goodConfiguration, goodServices);
  t.teardown(files.remove);
  const { code, stdout, stderr } = await runStatika([
    'validate',
    files.configurationPath,
    `${files.dir}/missing.json`,
  ]);
  t.is(code, 1, stderr);
  t.regex(stdout, /missing\.json: .*not found/);
});
