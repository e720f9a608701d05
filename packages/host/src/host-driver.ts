import type { ForwardingRule } from '@statika/core';
import type { Either } from 'fp-ts/lib/Either.js';
import type { HostError } from './host-error.js';

/**
 * The kernel side of node-port mode, as the agent sees it: read the rules of Statika's table, replace
 * them all at once, or remove the table. `createNftDriver` implements it over `nft`; `createFakeHostDriver`
 * in memory, for tests, benchmarks and the simulator's harness.
 */
export interface HostDriver {
  /** The rules in Statika's table, by node port; none when the table does not exist. */
  readRules(): Promise<Either<HostError, readonly ForwardingRule[]>>;
  /**
   * The table holds exactly `rules` afterwards, replaced in one atomic transaction: a packet sees the
   * old rules or the new ones, never none, and established connections keep their old destination.
   */
  replaceRules(rules: readonly ForwardingRule[]): Promise<Either<HostError, void>>;
  /** Removes Statika's table and every rule in it; nothing to do when there is none. */
  removeTable(): Promise<Either<HostError, void>>;
}
