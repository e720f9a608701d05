import test from 'ava';
import { createAgentMetrics } from '../../src/metrics/agent-metrics.js';
import { agentStatus, replaceListener80, serviceReport, throttled } from '../helpers/fixtures.js';

const metricValue = async (
  metrics: ReturnType<typeof createAgentMetrics>,
  name: string,
  labels: Record<string, string>,
) => {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
};

test('reconciles are counted by trigger and result, and their duration observed', async (t) => {
  const metrics = createAgentMetrics({ defaultMetrics: false });
  metrics.observeEvent({
    type: 'reconcile',
    trigger: 'resync',
    at: 0,
    durationMs: 250,
    result: 'ok',
    actions: 0,
    failure: undefined,
    next: { type: 'resync', intervalMs: 10_000 },
  });
  metrics.observeEvent({
    type: 'reconcile',
    trigger: 'resync',
    at: 0,
    durationMs: 250,
    result: 'ok',
    actions: 1,
    failure: undefined,
    next: { type: 'resync', intervalMs: 10_000 },
  });
  metrics.observeEvent({
    type: 'reconcile',
    trigger: 'local-change',
    at: 0,
    durationMs: 50,
    result: 'error',
    actions: 0,
    failure: undefined,
    next: { type: 'resync', intervalMs: 10_000 },
  });
  t.is(await metricValue(metrics, 'statika_reconciles_total', { trigger: 'resync', result: 'ok' }), 2);
  t.is(
    await metricValue(metrics, 'statika_reconciles_total', { trigger: 'local-change', result: 'error' }),
    1,
  );
  const text = await metrics.registry.metrics();
  t.regex(text, /statika_reconcile_duration_seconds_sum 0\.55/);
  t.regex(text, /statika_reconcile_duration_seconds_count 3/);
});

test('actions are counted by type and result', async (t) => {
  const metrics = createAgentMetrics({ defaultMetrics: false });
  metrics.observeEvent({
    type: 'action',
    action: replaceListener80,
    result: 'applied',
    at: 0,
    durationMs: 1,
    error: undefined,
  });
  metrics.observeEvent({
    type: 'action',
    action: replaceListener80,
    result: 'failed',
    at: 0,
    durationMs: 1,
    error: throttled,
  });
  t.is(
    await metricValue(metrics, 'statika_actions_total', { type: 'replaceListeners', result: 'applied' }),
    1,
  );
  t.is(
    await metricValue(metrics, 'statika_actions_total', { type: 'replaceListeners', result: 'failed' }),
    1,
  );
});

test('the call recorder counts AWS calls by service, operation and result', async (t) => {
  const metrics = createAgentMetrics({ defaultMetrics: false });
  metrics.recorder.record({ service: 'ecs', operation: 'ListTasks', result: 'ok', durationMs: 3 });
  metrics.recorder.record({ service: 'ecs', operation: 'ListTasks', result: 'ok', durationMs: 3 });
  metrics.recorder.record({
    service: 'elb',
    operation: 'DescribeLoadBalancers',
    result: 'Throttling',
    durationMs: 3,
  });
  t.is(
    await metricValue(metrics, 'statika_aws_calls_total', {
      service: 'ecs',
      operation: 'ListTasks',
      result: 'ok',
    }),
    2,
  );
  t.is(
    await metricValue(metrics, 'statika_aws_calls_total', {
      service: 'elb',
      operation: 'DescribeLoadBalancers',
      result: 'Throttling',
    }),
    1,
  );
});

test('the in-sync gauge follows the status and forgets services that are no longer configured', async (t) => {
  const metrics = createAgentMetrics({ defaultMetrics: false });
  metrics.observeStatus(
    agentStatus({
      services: [serviceReport(), serviceReport({ serviceName: 'api', state: 'converging' })],
    }),
  );
  t.is(await metricValue(metrics, 'statika_service_in_sync', { service: 'web' }), 1);
  t.is(await metricValue(metrics, 'statika_service_in_sync', { service: 'api' }), 0);
  metrics.observeStatus(agentStatus({ services: [serviceReport()] }));
  t.is(await metricValue(metrics, 'statika_service_in_sync', { service: 'api' }), undefined);
});

test('refused file reloads are counted per file; good and unchanged reads are not', async (t) => {
  const metrics = createAgentMetrics({ defaultMetrics: false });
  const file = (result: 'loaded' | 'unchanged' | 'invalid' | 'error') =>
    metrics.observeEvent({ type: 'file', url: 'services.json', result, at: 0, message: undefined });
  file('loaded');
  file('unchanged');
  file('invalid');
  file('error');
  t.is(await metricValue(metrics, 'statika_file_reload_errors_total', { file: 'services.json' }), 2);
});

test('replacements that went on without their policy record are counted by load balancer and reason', async (t) => {
  const metrics = createAgentMetrics({ defaultMetrics: false });
  const skipped = {
    loadBalancerName: 'web-lb',
    reason: 'TooManyTags',
    message: 'web-lb has 10 tags',
  } as const;
  metrics.observePolicyRecordSkipped(skipped);
  metrics.observePolicyRecordSkipped(skipped);
  const text = await metrics.registry.metrics();
  t.regex(text, /statika_policy_record_skipped_total\{load_balancer="web-lb",reason="TooManyTags"\} 2/);
});

test('default process metrics are on the agent registry', async (t) => {
  const metrics = createAgentMetrics();
  t.regex(await metrics.registry.metrics(), /process_cpu_user_seconds_total/);
});
