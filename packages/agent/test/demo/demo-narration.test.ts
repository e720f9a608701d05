import { instanceId, loadBalancerName } from '@statika/core';
import test from 'ava';
import type { AgentEvent } from '../../src/agent-event.js';
import { demoLine, narrateAgentEvent, narrateTraffic } from '../../src/demo/demo-narration.js';
import { formatSummary, type ScenarioResult } from '../../src/demo/demo-summary.js';

const listener = (instancePort: number) => ({
  protocol: 'HTTP',
  loadBalancerPort: 80,
  instancePort,
  policyNames: [],
});

const replace: AgentEvent = {
  type: 'action',
  action: {
    type: 'replaceListeners',
    serviceName: 'web',
    loadBalancerName: loadBalancerName('web-elb'),
    remove: [listener(32000)],
    create: [listener(32769)],
  },
  result: 'applied',
  at: 0,
  durationMs: 12,
  error: undefined,
};

test('a listener replacement reads as the port it moves from and to, on its load balancer', (t) => {
  t.deepEqual(narrateAgentEvent(replace), [{ subject: 'web-elb', text: 'listener 80 → 32769 (was 32000)' }]);
});

test('a change AWS refused says so, with the error code', (t) => {
  const failed: AgentEvent = {
    type: 'action',
    action: {
      type: 'register',
      serviceName: 'web',
      loadBalancerName: loadBalancerName('web-elb'),
      instanceId: instanceId('i-1'),
    },
    result: 'failed',
    at: 0,
    durationMs: 3,
    error: {
      type: 'throttled',
      service: 'elb',
      operation: 'RegisterInstancesWithLoadBalancer',
      resource: 'web-elb',
      code: 'Throttling',
      message: 'Rate exceeded',
    },
  };
  t.deepEqual(narrateAgentEvent(failed), [
    { subject: 'web-elb', text: 'instance i-1 registered (failed: Throttling)' },
  ]);
});

test('quiet reconciles are not narrated', (t) => {
  const quiet: AgentEvent = {
    type: 'reconcile',
    trigger: 'resync',
    at: 0,
    durationMs: 5,
    result: 'ok',
    actions: 0,
    failure: undefined,
    next: { type: 'resync', intervalMs: 10_000 },
  };
  t.deepEqual(narrateAgentEvent(quiet), []);
});

test('a demo line aligns the time and the subject', (t) => {
  t.is(demoLine(12_345, 'web-elb', 'listener 80 → 32769'), '  12.3s  web-elb   listener 80 → 32769');
  t.is(
    narrateTraffic({ loadBalancerName: 'web-elb', loadBalancerPort: 80 }, true, 32769),
    'traffic on web-elb:80 flows (to host port 32769)',
  );
});

const result = (fields: Partial<ScenarioResult>): ScenarioResult => ({
  title: 'rolling deploy of web',
  converged: true,
  durationMs: 10_000,
  failedProbes: 0,
  failedDuringSwap: 0,
  probes: 100,
  awsCalls: 25,
  throttledCalls: 0,
  note: undefined,
  ...fields,
});

test('the summary has a row a scenario, says which did not converge, and explains expected failures', (t) => {
  const summary = formatSummary([
    result({ title: 'first convergence', failedProbes: 98, note: 'stale at start' }),
    result({ converged: false, durationMs: 45_000, failedDuringSwap: 2, throttledCalls: 7 }),
  ]);
  const lines = summary.split('\n');
  t.regex(lines[0] ?? '', /^scenario\s+converged in\s+failed probes\s+AWS calls$/);
  t.regex(lines[2] ?? '', /^1\. first convergence\s+10\.0 s\s+98\/100 \*\s+25$/);
  t.regex(
    lines[3] ?? '',
    /^2\. rolling deploy of web\s+NOT \(45 s\)\s+0\/100 \(\+2 in swap\)\s+25 \(7 throttled\)$/,
  );
  t.true(summary.endsWith('  * 1: stale at start'));
});
