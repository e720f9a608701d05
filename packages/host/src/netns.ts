import { execFileSync } from 'node:child_process';

/**
 * Named network namespaces (`ip netns`), for what must try the driver on a real kernel without touching
 * the host's own rules: the tests and `statika demo`.
 */

/** Why network namespaces with nftables cannot be made here, or undefined when they can. */
export const netnsUnavailable = (): string | undefined => {
  if (process.getuid?.() !== 0) return 'not root: network namespaces and nftables need root';
  for (const [tool, arg, pkg] of [
    ['ip', '-V', 'iproute2'],
    ['nft', '--version', 'nftables'],
  ] as const) {
    try {
      execFileSync(tool, [arg], { stdio: 'ignore' });
    } catch {
      return `\`${tool}\` is missing (Debian: apt-get install ${pkg})`;
    }
  }
  const probe = `statika-probe-${process.pid}`;
  try {
    addNetns(probe);
    deleteNetns(probe);
  } catch (error) {
    return `network namespaces cannot be made here: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
};

export const addNetns = (name: string): void => {
  execFileSync('ip', ['netns', 'add', name], { stdio: ['ignore', 'ignore', 'pipe'] });
};

/** Deletes the namespace (its interfaces and nftables tables go with it); nothing when it is gone. */
export const deleteNetns = (name: string): void => {
  try {
    execFileSync('ip', ['netns', 'del', name], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch {
    // Already gone.
  }
};
