import type { Failure } from '@statika/aws';
import type { ForwardingRule } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { EMPTY, map, type Observable, of, take } from 'rxjs';
import type { PipelineDependencies } from './pipeline-dependencies.js';
import type { ForwardingReport, Progress } from './progress.js';
import type { Stage } from './stage.js';

/**
 * Swaps this host's forwarding rules when the plan wants other ones (node-port mode), before the AWS
 * actions: the swap is local and takes milliseconds, and a registration should find the node port
 * already forwarded. A failed swap fails the run; the next reconcile reads the rules again.
 */
export const forwardStep: Stage = (state, deps) => {
  const forwarding = state.run?.plan?.forwarding;
  if (forwarding?.type !== 'replace') return EMPTY;
  return swapRules$(forwarding.before, forwarding.after, deps);
};

/** One swap of the rules, reported as `forwarded` (or as a dry run, changing nothing). */
export const swapRules$ = (
  before: readonly ForwardingRule[],
  after: readonly ForwardingRule[],
  deps: PipelineDependencies,
): Observable<Progress> => {
  const port = deps.ports.forwarding;
  if (port === undefined) return EMPTY;
  const at = deps.scheduler.now();
  const forwarded = (result: ForwardingReport['result'], error?: Failure): Progress => ({
    type: 'forwarded',
    report: { before, after, result, error, at, durationMs: deps.scheduler.now() - at },
  });
  if (deps.dryRun) return of(forwarded('dry-run'));
  return port.replace(after).pipe(
    take(1),
    map((result) => (E.isRight(result) ? forwarded('applied') : forwarded('failed', result.left))),
  );
};
