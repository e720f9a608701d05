import { formatProblem } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { AgentEvent } from '../agent-event.js';
import type { Progress } from './progress.js';

/** The public event for a piece of progress, when it is one an operator or a metric cares about. */
export const agentEventOf = (p: Progress): AgentEvent | undefined => {
  switch (p.type) {
    case 'file':
      return fileEvent(p);
    case 'identity':
      return E.isLeft(p.result) ? { type: 'observe-error', at: p.at, error: p.result.left } : undefined;
    case 'observed':
      return E.isLeft(p.result) ? { type: 'observe-error', at: p.at, error: p.result.left } : undefined;
    case 'journal':
      return p.outcome.type === 'recovered'
        ? {
            type: 'journal-recovered',
            at: p.at,
            loadBalancerName: p.entry.loadBalancerName,
            listeners: p.outcome.listeners,
          }
        : undefined;
    case 'action':
      return { type: 'action', ...p.report };
    case 'forwarded':
      return { type: 'forwarding', ...p.report };
    case 'reconciled':
      return {
        type: 'reconcile',
        trigger: p.trigger,
        at: p.at,
        durationMs: p.durationMs,
        result: p.result,
        actions: p.actions,
        failure: p.failure,
        next: p.next,
      };
    case 'tick':
    case 'planned':
    case 'backoff':
    case 'settled':
    case 'unexpected':
    case 'local-plan':
      return undefined;
    default:
      return absurd(p);
  }
};

const fileEvent = (p: Extract<Progress, { type: 'file' }>): AgentEvent => {
  const base = { type: 'file', url: p.url, at: p.at } as const;
  const outcome = p.outcome;
  switch (outcome.type) {
    case 'loaded':
      return {
        ...base,
        result: 'loaded',
        message: outcome.warnings.length === 0 ? undefined : outcome.warnings.map(formatProblem).join('; '),
      };
    case 'unchanged':
      return { ...base, result: 'unchanged', message: undefined };
    case 'invalid':
      return { ...base, result: 'invalid', message: outcome.problems.map(formatProblem).join('; ') };
    case 'error':
      return { ...base, result: 'error', message: `${outcome.error.code}: ${outcome.error.message}` };
    default:
      return absurd(outcome);
  }
};
