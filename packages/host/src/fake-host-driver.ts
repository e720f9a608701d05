import { type ForwardingRule, sortRules } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import type { HostDriver } from './host-driver.js';
import type { HostError } from './host-error.js';

/** What a fake driver was asked, in order. */
export type HostCall =
  | { readonly type: 'readRules' }
  | { readonly type: 'replaceRules'; readonly rules: readonly ForwardingRule[] }
  | { readonly type: 'removeTable' };

export interface FakeHostDriver extends HostDriver {
  /** The rules the fake kernel holds now. */
  readonly rules: () => readonly ForwardingRule[];
  readonly calls: () => readonly HostCall[];
  /** The next calls fail with this error, until `failWith(undefined)`. */
  readonly failWith: (error: HostError | undefined) => void;
}

/** A host driver in memory: the agent's tests, the benchmarks and the in-process harness use it. */
export const createFakeHostDriver = (initial: readonly ForwardingRule[] = []): FakeHostDriver => {
  let rules = sortRules(initial);
  let failure: HostError | undefined;
  const calls: HostCall[] = [];
  const answer = <A>(call: HostCall, effect: () => A): Promise<E.Either<HostError, A>> => {
    calls.push(call);
    return Promise.resolve(failure === undefined ? E.right(effect()) : E.left(failure));
  };
  return {
    readRules: () => answer({ type: 'readRules' }, () => rules),
    replaceRules: (next) =>
      answer({ type: 'replaceRules', rules: sortRules(next) }, () => {
        rules = sortRules(next);
      }),
    removeTable: () =>
      answer({ type: 'removeTable' }, () => {
        rules = [];
      }),
    rules: () => rules,
    calls: () => calls,
    failWith: (error) => {
      failure = error;
    },
  };
};
