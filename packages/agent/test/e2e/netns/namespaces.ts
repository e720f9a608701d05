import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Network namespaces made by a test, and nothing outside them touched: one per simulated host and one
 * for the client that plays the load balancer, joined by veth pairs on private addresses
 * (10.213.<n>.1 on the load balancer's side, 10.213.<n>.2 on host n's side).
 */
export interface TestNetwork {
  /** The namespace and address of each host, by instance id. */
  readonly hosts: ReadonlyMap<string, { readonly ns: string; readonly address: string }>;
  readonly lbNs: string;
  /** Deletes every namespace (and with them the veths and the nftables tables in them). */
  readonly remove: () => void;
}

/** Why namespaces cannot be made here, or undefined when they can: tests skip with this reason. */
export { netnsUnavailable as namespacesUnavailable } from '@statika/host';

const ip = (...args: string[]): void => {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
};

export const createTestNetwork = (tag: string, hostIds: readonly string[]): TestNetwork => {
  const lbNs = `${tag}-lb`;
  const made: string[] = [];
  const remove = () => {
    for (const ns of made.splice(0)) {
      try {
        ip('netns', 'del', ns);
      } catch {
        // Already gone.
      }
    }
  };
  try {
    ip('netns', 'add', lbNs);
    made.push(lbNs);
    ip('-n', lbNs, 'link', 'set', 'lo', 'up');
    const hosts = new Map<string, { ns: string; address: string }>();
    hostIds.forEach((id, i) => {
      const n = i + 1;
      const ns = `${tag}-h${n}`;
      ip('netns', 'add', ns);
      made.push(ns);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      // Created inside the load balancer's namespace, so no interface ever exists in the caller's.
      ip('-n', lbNs, 'link', 'add', `lb${n}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
      ip('-n', lbNs, 'addr', 'add', `10.213.${n}.1/24`, 'dev', `lb${n}`);
      ip('-n', lbNs, 'link', 'set', `lb${n}`, 'up');
      ip('-n', ns, 'addr', 'add', `10.213.${n}.2/24`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
      hosts.set(id, { ns, address: `10.213.${n}.2` });
    });
    return { hosts, lbNs, remove };
  } catch (error) {
    remove();
    throw error;
  }
};

/** A node script of this directory run inside `ns`, with its stdout as lines. */
export const runIn = (
  ns: string,
  script: 'task-servers.mjs' | 'lb-client.mjs',
  args: readonly string[],
  onLine: (line: string) => void,
): ChildProcess => {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, path, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (child.stdout !== null) createInterface({ input: child.stdout }).on('line', onLine);
  return child;
};
