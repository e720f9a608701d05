import { type Failure, unexpected } from '@statika/aws';
import type { ForwardingRule } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { catchError, EMPTY, map, type Observable, of, take } from 'rxjs';
import type { ForwardingReport, Progress } from './progress.js';
import type { RunContext, Step } from './run-context.js';

/**
 * Swaps this host's forwarding rules when the plan wants other ones (node-port mode), before the AWS
 * actions: the swap is local and takes milliseconds, and a registration should find the node port
 * already forwarded. A failed swap fails the run; the next reconcile reads the rules again.
 */
export const forwardStep: Step = (state, context) => {
  const forwarding = state.run?.plan?.forwarding;
  if (forwarding?.type !== 'replace') return EMPTY;
  return swapRules$(forwarding.before, forwarding.after, context);
};

/** One swap of the rules, reported as `forwarded` (or as a dry run, changing nothing). */
export const swapRules$ = (
  before: readonly ForwardingRule[],
  after: readonly ForwardingRule[],
  context: RunContext,
): Observable<Progress> => {
  const port = context.ports.forwarding;
  if (port === undefined) return EMPTY;
  const at = context.scheduler.now();
  const forwarded = (result: ForwardingReport['result'], error?: Failure): Progress => ({
    type: 'forwarded',
    report: { before, after, result, error, at, durationMs: context.scheduler.now() - at },
  });
  if (context.dryRun) return of(forwarded('dry-run'));
  return port.replace(after).pipe(
    take(1),
    catchError((error: unknown) =>
      of(E.left(unexpected({ service: 'host', operation: 'ReplaceRules', resource: undefined }, error))),
    ),
    map((result) => (E.isRight(result) ? forwarded('applied') : forwarded('failed', result.left))),
  );
};
