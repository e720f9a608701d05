import { spawn } from 'node:child_process';
import type { ForwardingRule } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import type { HostDriver } from './host-driver.js';
import { type HostError, type HostOperation, hostError } from './host-error.js';
import { parseRules } from './nft-json.js';
import { renderRemoval, renderRuleset, TABLE } from './nft-ruleset.js';

export interface NftDriverOptions {
  /** The `nft` executable; default `nft` on PATH. */
  readonly nft?: string;
  /** Run in this named network namespace (`ip netns exec <ns> nft …`): tests and the demo use it. */
  readonly netns?: string;
  /** How long one `nft` run may take; default 5 s. */
  readonly timeoutMs?: number;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one command with `input` on its stdin; never rejects (a spawn failure is a Left). */
const run = (
  argv: readonly string[],
  input: string,
  timeoutMs: number,
  operation: HostOperation,
): Promise<E.Either<HostError, Run>> =>
  new Promise((resolve) => {
    const [command, ...args] = argv as [string, ...string[]];
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve(
        E.left(
          error.code === 'ENOENT'
            ? hostError(
                operation,
                'NftMissing',
                `${command} not found: install nftables (Debian: apt-get install nftables)`,
              )
            : hostError(operation, 'NftFailed', `${command}: ${error.message}`),
        ),
      ),
    );
    child.on('close', (code, signal) => {
      if (signal !== null) {
        resolve(E.left(hostError(operation, 'Timeout', `${command} did not finish within ${timeoutMs} ms`)));
        return;
      }
      resolve(
        E.right({
          code,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });

/** A non-zero exit as an error: "Operation not permitted" means no NET_ADMIN, which no retry fixes. */
const failure = (operation: HostOperation, result: Run): HostError =>
  /Operation not permitted/i.test(result.stderr)
    ? hostError(
        operation,
        'PermissionDenied',
        `nft: ${result.stderr.trim()} (the agent needs NET_ADMIN in the host's network namespace)`,
      )
    : hostError(operation, 'NftFailed', `nft exited ${result.code}: ${result.stderr.trim()}`);

/**
 * The host driver over `nft`: rules are read with `nft -j list table ip statika` and written as one
 * `nft -f -` transaction (see nft-ruleset.ts).
 */
export const createNftDriver = (options: NftDriverOptions = {}): HostDriver => {
  const nft = options.nft ?? 'nft';
  const timeoutMs = options.timeoutMs ?? 5000;
  const argv = (...args: string[]): string[] =>
    options.netns === undefined ? [nft, ...args] : ['ip', 'netns', 'exec', options.netns, nft, ...args];
  const apply = async (operation: HostOperation, script: string): Promise<E.Either<HostError, void>> => {
    const result = await run(argv('-f', '-'), script, timeoutMs, operation);
    if (E.isLeft(result)) return result;
    return result.right.code === 0 ? E.right(undefined) : E.left(failure(operation, result.right));
  };
  return {
    readRules: async () => {
      const result = await run(argv('-j', 'list', 'table', 'ip', TABLE), '', timeoutMs, 'ReadRules');
      if (E.isLeft(result)) return result;
      const { code, stdout, stderr } = result.right;
      // No table yet: no rules (the first replace creates it).
      if (code !== 0 && /No such file or directory/.test(stderr)) return E.right([]);
      if (code !== 0) return E.left(failure('ReadRules', result.right));
      return readListing(stdout);
    },
    replaceRules: (rules: readonly ForwardingRule[]) => apply('ReplaceRules', renderRuleset(rules)),
    removeTable: () => apply('RemoveTable', renderRemoval()),
  };
};

const readListing = (stdout: string): E.Either<HostError, readonly ForwardingRule[]> => {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return E.left(hostError('ReadRules', 'Malformed', 'nft -j list: not JSON'));
  }
  return E.mapLeft((reason: string) => hostError('ReadRules', 'Malformed', `nft -j list: ${reason}`))(
    parseRules(json),
  );
};
