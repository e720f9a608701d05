import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The environment the container image runs the agent with: every `ENV` of the Dockerfile's last stage
 * (NODE_OPTIONS, the malloc settings, ...), read from the Dockerfile itself so that the benchmark's
 * figures are always the image's. Values may be quoted (`ENV NODE_OPTIONS="--a --b"`).
 */
export const imageEnv = (dockerfile = join(repoRoot, 'Dockerfile')): Record<string, string> => {
  const lines = readFileSync(dockerfile, 'utf8').split('\n');
  const lastStage = lines.findLastIndex((line) => /^FROM\s/i.test(line));
  const env: Record<string, string> = {};
  for (const line of lines.slice(lastStage + 1)) {
    const body = /^ENV\s+(.*)$/i.exec(line.trim())?.[1];
    if (body === undefined) continue;
    for (const [, name, quoted, bare] of body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|(\S*))/g))
      if (name !== undefined) env[name] = quoted ?? bare ?? '';
  }
  return env;
};

/**
 * The options the image's `ENTRYPOINT ["node", ..., "/app/statika.mjs"]` gives node before the script
 * (V8 flags that NODE_OPTIONS does not accept), read from the Dockerfile's last `ENTRYPOINT`.
 */
export const imageNodeArgs = (dockerfile = join(repoRoot, 'Dockerfile')): string[] => {
  const line = readFileSync(dockerfile, 'utf8')
    .split('\n')
    .findLast((l) => /^ENTRYPOINT\s/i.test(l.trim()));
  const words = JSON.parse(line?.trim().replace(/^ENTRYPOINT\s+/i, '') ?? '[]') as unknown;
  if (!Array.isArray(words) || words[0] !== 'node') return [];
  const script = words.findIndex((word, i) => i > 0 && !(typeof word === 'string' && word.startsWith('-')));
  return words.slice(1, script === -1 ? undefined : script) as string[];
};

/**
 * A Node binary of a supported line (22 or 24) from the npm registry, installed into a cache folder
 * outside the repository by scripts/node-line.mjs on first use.
 */
export const nodeOfLine = (line: '22' | '24'): string => {
  const script = join(repoRoot, 'scripts/node-line.mjs');
  const result = spawnSync(process.execPath, [script, line, '--print-path'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`scripts/node-line.mjs ${line} failed (${result.status})`);
  return join(result.stdout.trim(), 'node');
};

/** `vX.Y.Z` of a Node binary. */
export const nodeVersion = (node: string): string =>
  spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
