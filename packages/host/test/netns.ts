import { execFileSync } from 'node:child_process';

/**
 * Why network namespaces cannot be made here (not root, no `ip`, no `nft`), or undefined when they can:
 * the tests that touch a kernel skip with this reason instead of passing.
 */
export const namespacesUnavailable = (): string | undefined => {
  if (process.getuid?.() !== 0) return 'not root: network namespaces and nftables need root';
  for (const tool of [
    ['ip', '-V'],
    ['nft', '--version'],
  ] as const) {
    try {
      execFileSync(tool[0], [tool[1]], { stdio: 'ignore' });
    } catch {
      return `\`${tool[0]}\` is missing (Debian: apt-get install ${tool[0] === 'nft' ? 'nftables' : 'iproute2'})`;
    }
  }
  return undefined;
};

/** Runs a command, throwing with its stderr on failure. */
export const sh = (command: string, ...args: string[]): string =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
