import type { HostDriver } from '@statika/host';
import * as E from 'fp-ts/lib/Either.js';
import type { CliContext } from './cli-context.js';
import { ExitCode } from './exit-code.js';

/**
 * `statika run --remove-node-ports`: takes node-port mode's rules out of the kernel (the whole nftables
 * table `ip statika`). The agent never does this on exit, so that traffic keeps flowing to the last
 * serving task while it is down; this is for leaving node-port mode on a host for good.
 */
export const removeNodePorts = async (ctx: CliContext, driver: HostDriver): Promise<number> => {
  const removed = await driver.removeTable();
  if (E.isLeft(removed)) {
    ctx.stderr(`statika run: could not remove the node-port rules: ${removed.left.message}\n`);
    return ExitCode.notInSync;
  }
  ctx.stdout("removed this host's node-port forwarding rules (nftables table ip statika)\n");
  return ExitCode.ok;
};
