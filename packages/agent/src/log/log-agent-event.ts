import { type Failure, isRetryable } from '@statika/aws';
import type { ForwardingRule } from '@statika/core';
import { absurd } from 'fp-ts/lib/function.js';
import type { Level, Logger } from 'pino';
import type { AgentEvent, NextAttempt } from '../agent-event.js';
import type { ActionResult } from '../agent-status.js';
import { describeReconcileFailure } from '../reconcile-failure.js';
import { describeAction } from './describe-action.js';

type FileResult = Extract<AgentEvent, { type: 'file' }>['result'];

/**
 * Writes one log line per event. Every AWS change is logged at info with its load balancer, before and
 * after; a failure at error, a conflict or a restore at warn. Quiet reconciles (nothing to do) are debug.
 */
export const logAgentEvent = (logger: Logger, event: AgentEvent): void => {
  switch (event.type) {
    case 'reconcile': {
      const fields = {
        event: 'reconcile',
        trigger: event.trigger,
        durationMs: event.durationMs,
        actions: event.actions,
      };
      if (event.result === 'error') {
        const failure = event.failure === undefined ? undefined : describeReconcileFailure(event.failure);
        logger.warn(
          { ...fields, failure: event.failure?.type, next: event.next },
          `reconcile (${event.trigger}) failed${failure === undefined ? '' : `: ${failure}`}; ${describeNext(event.next)}`,
        );
      } else if (event.actions > 0)
        logger.info(fields, `reconcile (${event.trigger}): ${event.actions} action(s)`);
      else logger.debug(fields, `reconcile (${event.trigger}): nothing to do`);
      return;
    }
    case 'action': {
      const { msg, ...described } = describeAction(event.action);
      const fields = {
        event: 'action',
        ...described,
        result: event.result,
        durationMs: event.durationMs,
        ...errorFields(event.error),
      };
      logger[actionLevel(event.result)](fields, `${actionPrefix(event.result)}${msg}`);
      return;
    }
    case 'file': {
      const fields = { event: 'file', url: event.url, result: event.result, error: event.message };
      logger[fileLevel(event.result)](fields, fileMessage(event.url, event.result, event.message));
      return;
    }
    case 'forwarding': {
      const fields = {
        event: 'forwarding',
        before: event.before,
        after: event.after,
        result: event.result,
        durationMs: event.durationMs,
        ...errorFields(event.error),
      };
      const change = `forwarding rules ${describeRules(event.before)} -> ${describeRules(event.after)}`;
      if (event.result === 'failed') logger.error(fields, `failed: ${change}`);
      else logger.info(fields, event.result === 'dry-run' ? `dry run, not applied: ${change}` : change);
      return;
    }
    case 'observe-error':
      logger.warn(
        { event: 'observe-error', ...errorFields(event.error) },
        `observation failed, nothing changed: ${event.error.message}`,
      );
      return;
    case 'journal-recovered':
      logger.warn(
        { event: 'journal-recovered', loadBalancer: event.loadBalancerName, listeners: event.listeners },
        `finished an interrupted listener replacement on ${event.loadBalancerName} from the journal`,
      );
      return;
    default:
      absurd(event);
  }
};

/** What happens next, in words: `trying again in 8 s`. */
export const describeNext = (next: NextAttempt): string => {
  switch (next.type) {
    case 'retry':
      return `trying again in ${seconds(next.inMs)}`;
    case 'resync':
      return `trying again at the next resync, in ${seconds(next.intervalMs)} at most`;
    case 'none':
      return 'nothing is scheduled';
    default:
      return absurd(next);
  }
};

const seconds = (ms: number): string => `${Math.max(0, Math.ceil(ms / 100) / 10)} s`;

/** `30080->32768, 30081->32770`, or `none`. */
const describeRules = (rules: readonly ForwardingRule[]): string =>
  rules.length === 0 ? 'none' : rules.map((r) => `${r.nodePort}->${r.hostPort}`).join(', ');

const actionLevel = (result: ActionResult): Level => {
  switch (result) {
    case 'applied':
    case 'dry-run':
      return 'info';
    case 'restored':
    case 'conflict':
      return 'warn';
    case 'failed':
      return 'error';
    default:
      return absurd(result);
  }
};

const actionPrefix = (result: ActionResult): string => {
  switch (result) {
    case 'applied':
      return '';
    case 'dry-run':
      return 'dry run, not applied: ';
    case 'restored':
      return 'create failed, old listeners restored: ';
    case 'conflict':
      return 'conflict, will observe again: ';
    case 'failed':
      return 'failed: ';
    default:
      return absurd(result);
  }
};

const fileLevel = (result: FileResult): Level => {
  switch (result) {
    case 'loaded':
      return 'info';
    case 'unchanged':
      return 'debug';
    case 'invalid':
    case 'error':
      return 'error';
    default:
      return absurd(result);
  }
};

const fileMessage = (url: string, result: FileResult, message: string | undefined): string => {
  switch (result) {
    case 'loaded':
      return `loaded ${url}`;
    case 'unchanged':
      return `${url} unchanged`;
    case 'invalid':
    case 'error':
      // The message names the file. What the refusal means (the last good version stays, or nothing
      // runs yet) is the reconcile's line.
      return message === undefined ? `${url} refused` : `file refused: ${message}`;
    default:
      return absurd(result);
  }
};

const errorFields = (error: Failure | undefined) =>
  error === undefined
    ? {}
    : {
        error: {
          type: error.type,
          code: error.code,
          message: error.message,
          service: error.service,
          operation: error.operation,
          resource: error.resource,
          retryable: isRetryable(error),
        },
      };
