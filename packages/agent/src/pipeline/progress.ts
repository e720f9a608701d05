import type { Failure, Identity } from '@statika/aws';
import type {
  Action,
  Configuration,
  FileProblem,
  ForwardingRule,
  Observation,
  PlanResult,
  ReplaceListeners,
  ServiceSpec,
  ServiceStatus,
} from '@statika/core';
import type { Either } from 'fp-ts/lib/Either.js';
import type { NextAttempt, ReconcileTrigger } from '../agent-event.js';
import type { ActionResult } from '../agent-status.js';
import type { ReconcileFailure } from '../reconcile-failure.js';
import type { Backoff } from './backoff.js';

/**
 * What the stages of a reconcile report as they go, in order. The controller's state is a fold of these
 * (`advance`), the status a view of the state, and the public `AgentEvent`s a translation of some of them.
 */
export type Progress =
  | { readonly type: 'tick'; readonly trigger: ReconcileTrigger; readonly at: number }
  | ({ readonly type: 'file'; readonly at: number } & SpecFileRead)
  | { readonly type: 'identity'; readonly at: number; readonly result: Either<Failure, Identity> }
  | { readonly type: 'observed'; readonly at: number; readonly result: Either<Failure, Observation> }
  | {
      readonly type: 'journal';
      readonly at: number;
      readonly entry: ReplaceListeners;
      readonly outcome: JournalOutcome;
    }
  | { readonly type: 'planned'; readonly at: number; readonly plan: PlanResult }
  | { readonly type: 'action'; readonly report: ActionReport }
  | { readonly type: 'forwarded'; readonly report: ForwardingReport }
  /** A local change re-planned on the last observation: `local` when no AWS read is needed this time. */
  | { readonly type: 'local-plan'; readonly at: number; readonly outcome: 'local' | 'observe' }
  | { readonly type: 'backoff'; readonly key: BackoffKey; readonly backoff: Backoff | undefined }
  | { readonly type: 'settled'; readonly at: number; readonly services: readonly ServiceStatus[] }
  | {
      readonly type: 'reconciled';
      readonly trigger: ReconcileTrigger;
      readonly at: number;
      readonly durationMs: number;
      readonly result: 'ok' | 'error';
      readonly actions: number;
      /** What failed (the first thing), when the result is `error`. */
      readonly failure: ReconcileFailure | undefined;
      readonly next: NextAttempt;
    }
  | { readonly type: 'unexpected'; readonly at: number; readonly stage: string; readonly error: unknown };

/** One of the two files read, with what came of it. */
export type SpecFileRead =
  | { readonly file: 'configuration'; readonly url: string; readonly outcome: FileOutcome<Configuration> }
  | {
      readonly file: 'services';
      readonly url: string;
      readonly outcome: FileOutcome<readonly ServiceSpec[]>;
    };

export type SpecFile = SpecFileRead['file'];

export type FileOutcome<A> =
  | {
      readonly type: 'loaded';
      readonly text: string;
      readonly value: A;
      readonly warnings: readonly FileProblem[];
    }
  | { readonly type: 'unchanged' }
  | { readonly type: 'invalid'; readonly problems: readonly FileProblem[] }
  | { readonly type: 'error'; readonly error: Failure };

export type JournalOutcome =
  /** The load balancer already has every journaled listener (or is gone): the entry is cleared. */
  | { readonly type: 'complete' }
  | { readonly type: 'recovered'; readonly listeners: number }
  /** The load balancer is no longer configured, so no longer observed or managed: the entry is dropped. */
  | { readonly type: 'abandoned' }
  | { readonly type: 'failed'; readonly error: Failure };

export interface ActionReport {
  readonly action: Action;
  readonly result: ActionResult;
  readonly error: Failure | undefined;
  readonly at: number;
  readonly durationMs: number;
}

/** A swap of this host's forwarding rules (node-port mode), and how it went. */
export interface ForwardingReport {
  readonly before: readonly ForwardingRule[];
  readonly after: readonly ForwardingRule[];
  readonly result: 'applied' | 'failed' | 'dry-run';
  readonly error: Failure | undefined;
  readonly at: number;
  readonly durationMs: number;
}

/** What backs off independently: reading the files at start-up, the identity, the observation, each service. */
export type BackoffKey = 'files' | 'identity' | 'observe' | `service:${string}`;

export const serviceBackoffKey = (serviceName: string): BackoffKey => `service:${serviceName}`;
