import test from 'ava';
import { isLive, isReady } from '../../src/http/probes.js';
import { agentStatus } from '../helpers/fixtures.js';

const notStarted = agentStatus({ lastTickAt: undefined, resyncIntervalMs: undefined });

test('before the first tick the agent counts as live for a start-up grace period', (t) => {
  t.true(isLive(notStarted, 50_000, 0));
  t.false(isLive(notStarted, 61_000, 0));
});

test('live means a tick within three resync intervals', (t) => {
  const status = agentStatus({ lastTickAt: 100_000, resyncIntervalMs: 10_000 });
  t.true(isLive(status, 130_000, 0));
  t.false(isLive(status, 130_001, 0));
});

test('ready follows the status', (t) => {
  t.true(isReady(agentStatus({ ready: true })));
  t.false(isReady(agentStatus({ ready: false })));
});
