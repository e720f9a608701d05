import { Writable } from 'node:stream';
import test from 'ava';
import type { AgentEvent, NextAttempt } from '../../src/agent-event.js';
import { logAgentEvent } from '../../src/log/log-agent-event.js';
import { createLogger, type LogLevel } from '../../src/log/logger.js';
import type { ReconcileFailure } from '../../src/reconcile-failure.js';
import { replaceListener80, throttled } from '../helpers/fixtures.js';

const capture = (level: LogLevel) => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk
        .toString()
        .split('\n')
        .filter((l) => l !== ''))
        lines.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: createLogger(level, stream), lines };
};

test('an applied listener replacement is one info line with the load balancer, before and after', (t) => {
  const { logger, lines } = capture('info');
  logAgentEvent(logger, {
    type: 'action',
    action: replaceListener80,
    result: 'applied',
    at: 0,
    durationMs: 12,
    error: undefined,
  });
  t.is(lines.length, 1);
  t.like(lines[0], {
    level: 'info',
    msg: 'listener 80 → instancePort 32769 (was 31000) on web-elb',
    loadBalancer: 'web-elb',
    service: 'web',
    action: 'replaceListeners',
    result: 'applied',
  });
  t.deepEqual(lines[0]?.before, [{ loadBalancerPort: 80, protocol: 'HTTP', instancePort: 31000 }]);
  t.deepEqual(lines[0]?.after, [{ loadBalancerPort: 80, protocol: 'HTTP', instancePort: 32769 }]);
  t.is(typeof lines[0]?.time, 'string');
});

test('a failed action is logged at error with the AWS error code', (t) => {
  const { logger, lines } = capture('info');
  logAgentEvent(logger, {
    type: 'action',
    action: replaceListener80,
    result: 'failed',
    at: 0,
    durationMs: 3,
    error: throttled,
  });
  t.like(lines[0], {
    level: 'error',
    error: { code: 'Throttling', operation: 'CreateLoadBalancerListeners' },
  });
});

test('a reconcile with nothing to do is only visible at debug', (t) => {
  const event = {
    type: 'reconcile',
    trigger: 'resync',
    at: 0,
    durationMs: 5,
    result: 'ok',
    actions: 0,
    failure: undefined,
    next: { type: 'resync', intervalMs: 10_000 },
  } as const;
  const info = capture('info');
  logAgentEvent(info.logger, event);
  t.is(info.lines.length, 0);
  const debug = capture('debug');
  logAgentEvent(debug.logger, event);
  t.like(debug.lines[0], { level: 'debug', trigger: 'resync' });
});

test('a refused file is an error line with its problems', (t) => {
  const { logger, lines } = capture('info');
  logAgentEvent(logger, {
    type: 'file',
    url: 's3://bucket/services.json',
    result: 'invalid',
    at: 0,
    message: 's3://bucket/services.json: services[0].loadBalancerName: expected a non-empty string, got 42',
  });
  t.like(lines[0], { level: 'error', url: 's3://bucket/services.json' });
  t.is(
    lines[0]?.msg,
    'file refused: s3://bucket/services.json: services[0].loadBalancerName: expected a non-empty string, got 42',
  );
});

const failedReconcile = (failure: ReconcileFailure, next: NextAttempt): AgentEvent => ({
  type: 'reconcile',
  trigger: 'retry',
  at: 0,
  durationMs: 5,
  result: 'error',
  actions: 0,
  failure,
  next,
});

test('a failed reconcile says what failed and when the agent tries again', (t) => {
  const { logger, lines } = capture('info');
  logAgentEvent(
    logger,
    failedReconcile(
      {
        type: 'no-spec',
        files: [
          {
            url: 'configuration.json',
            error:
              "configuration.json:4:3: expected ',' or '}' after a property value, got '\"settleTimeSeconds\"'",
          },
        ],
      },
      { type: 'retry', inMs: 7_960 },
    ),
  );
  logAgentEvent(
    logger,
    failedReconcile({ type: 'observe', failure: throttled }, { type: 'resync', intervalMs: 10_000 }),
  );
  t.deepEqual(
    lines.map((l) => [l.level, l.msg, l.failure]),
    [
      [
        'warn',
        "reconcile (retry) failed: no good configuration yet, so nothing is observed or changed: configuration.json:4:3: expected ',' or '}' after a property value, got '\"settleTimeSeconds\"'; trying again in 8 s",
        'no-spec',
      ],
      [
        'warn',
        'reconcile (retry) failed: the observation failed, nothing changed: Throttling: Rate exceeded; trying again at the next resync, in 10 s at most',
        'observe',
      ],
    ],
  );
});
