import type { Failure } from '@statika/aws';
import type { Action, ForwardingRule } from '@statika/core';
import type { ActionResult } from './agent-status.js';
import type { ReconcileFailure } from './reconcile-failure.js';

/**
 * What happened, as values: the pipeline emits these on `events$`; logs and Prometheus metrics are
 * subscribers. AWS calls are counted separately through the aws package's `CallRecorder`.
 */
export type AgentEvent =
  | {
      readonly type: 'reconcile';
      readonly trigger: ReconcileTrigger;
      readonly at: number;
      readonly durationMs: number;
      readonly result: 'ok' | 'error';
      readonly actions: number;
      /** What failed (the first thing), when the result is `error`. */
      readonly failure: ReconcileFailure | undefined;
      /** When the agent reconciles again. */
      readonly next: NextAttempt;
    }
  | {
      readonly type: 'action';
      readonly action: Action;
      readonly result: ActionResult;
      readonly at: number;
      readonly durationMs: number;
      readonly error: Failure | undefined;
    }
  | {
      readonly type: 'file';
      readonly url: string;
      readonly result: 'loaded' | 'unchanged' | 'invalid' | 'error';
      readonly at: number;
      readonly message: string | undefined;
    }
  | {
      /** This host's forwarding rules (node-port mode) were swapped: a local change, no AWS call. */
      readonly type: 'forwarding';
      readonly before: readonly ForwardingRule[];
      readonly after: readonly ForwardingRule[];
      readonly result: 'applied' | 'failed' | 'dry-run';
      readonly at: number;
      readonly durationMs: number;
      readonly error: Failure | undefined;
    }
  | { readonly type: 'observe-error'; readonly at: number; readonly error: Failure }
  | {
      readonly type: 'journal-recovered';
      readonly at: number;
      readonly loadBalancerName: string;
      readonly listeners: number;
    };

/** When the agent reconciles again, as it stands at the end of a reconcile. */
export type NextAttempt =
  /** Something is backing off: the earliest retry. */
  | { readonly type: 'retry'; readonly inMs: number }
  /** Nothing to retry before the next resync. */
  | { readonly type: 'resync'; readonly intervalMs: number }
  /** No configuration yet and nothing scheduled (a stop in progress, for one). */
  | { readonly type: 'none' };

export type ReconcileTrigger = 'startup' | 'resync' | 'local-change' | 'retry' | 'shutdown';
