import type { Failure } from '@statika/aws';
import type { Action } from '@statika/core';
import { absurd } from 'fp-ts/lib/function.js';
import type { ActionResult } from './agent-status.js';
import { describeAction } from './log/describe-action.js';

/**
 * What made a reconcile fail, as data: the first thing that went wrong in it, or what it lacked to do
 * anything. The log line of the reconcile says it, with what happens next.
 */
export type ReconcileFailure =
  /** No good version of both files yet: nothing is observed or changed until there is. */
  | { readonly type: 'no-spec'; readonly files: readonly { readonly url: string; readonly error: string }[] }
  /** A file was refused on a reload; its last good version stays in force. */
  | { readonly type: 'file'; readonly url: string; readonly error: string }
  | { readonly type: 'identity'; readonly failure: Failure }
  /** This run's observation failed, or is still backing off after the last one did. */
  | { readonly type: 'observe'; readonly failure: Failure | undefined }
  | { readonly type: 'journal'; readonly loadBalancerName: string; readonly failure: Failure }
  | {
      readonly type: 'action';
      readonly action: Action;
      readonly result: ActionResult;
      readonly failure: Failure | undefined;
    }
  | { readonly type: 'forwarding'; readonly failure: Failure | undefined }
  | { readonly type: 'unexpected'; readonly stage: string; readonly message: string };

/** One line for an operator: what failed, in words. */
export const describeReconcileFailure = (f: ReconcileFailure): string => {
  switch (f.type) {
    case 'no-spec':
      return `no good configuration yet, so nothing is observed or changed: ${f.files.map((file) => file.error).join('; ')}`;
    case 'file':
      return `${f.error} (the last good version of ${f.url} stays in force)`;
    case 'identity':
      return `this host's identity is unknown: ${failureText(f.failure)}`;
    case 'observe':
      return f.failure === undefined
        ? 'the observation failed, nothing changed'
        : `the observation failed, nothing changed: ${failureText(f.failure)}`;
    case 'journal':
      return `the journaled listener replacement on ${f.loadBalancerName} could not be finished, so nothing else is done to it: ${failureText(f.failure)}`;
    case 'action':
      return `${f.result}: ${describeAction(f.action).msg}${f.failure === undefined ? '' : ` (${failureText(f.failure)})`}`;
    case 'forwarding':
      return `the forwarding rules could not be swapped${f.failure === undefined ? '' : `: ${failureText(f.failure)}`}`;
    case 'unexpected':
      return `unexpected error in ${f.stage}: ${f.message}`;
    default:
      return absurd(f);
  }
};

const failureText = (failure: Failure): string => `${failure.code}: ${failure.message}`;
