import type { CallRecorder, PolicyRecordSkipped } from '@statika/aws';
import { needsChange } from '@statika/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AgentEvent } from '../agent-event.js';
import type { AgentStatus } from '../agent-status.js';

/**
 * The Prometheus metrics of one agent, on a registry of its own (never prom-client's global one, so
 * that an agent embedded in another service does not collide with that service's metrics). Fed by
 * three subscribers: the agent's events, its status, and the aws package's call recorder.
 */
export interface AgentMetrics {
  readonly registry: Registry;
  /** Pass to `createAwsClients` so that every AWS call is counted. */
  readonly recorder: CallRecorder;
  readonly observeEvent: (event: AgentEvent) => void;
  readonly observeStatus: (status: AgentStatus) => void;
  /** A listener replacement that went on with the journal alone (no tag recorded its policies). */
  readonly observePolicyRecordSkipped: (skipped: PolicyRecordSkipped) => void;
}

export const createAgentMetrics = (options: { readonly defaultMetrics?: boolean } = {}): AgentMetrics => {
  const registry = new Registry();
  // The event-loop delay histogram samples once a second, not prom-client's default every 10 ms: those 100
  // wake-ups a second cost about 0.3 % of a core, three times the agent's whole CPU budget when idle.
  if (options.defaultMetrics ?? true)
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 1000 });

  const reconciles = new Counter({
    name: 'statika_reconciles_total',
    help: 'Reconciles, by what triggered them and how they ended.',
    labelNames: ['trigger', 'result'] as const,
    registers: [registry],
  });
  const reconcileDuration = new Histogram({
    name: 'statika_reconcile_duration_seconds',
    help: 'How long a reconcile took: observe, plan and apply.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const actions = new Counter({
    name: 'statika_actions_total',
    help: 'Load balancer changes, by action type and result.',
    labelNames: ['type', 'result'] as const,
    registers: [registry],
  });
  const awsCalls = new Counter({
    name: 'statika_aws_calls_total',
    help: 'AWS and metadata calls, by service, operation and result (ok or the error code).',
    labelNames: ['service', 'operation', 'result'] as const,
    registers: [registry],
  });
  const inSync = new Gauge({
    name: 'statika_service_in_sync',
    help: '1 when the service needs no change on this host, 0 when it does.',
    labelNames: ['service'] as const,
    registers: [registry],
  });
  const fileReloadErrors = new Counter({
    name: 'statika_file_reload_errors_total',
    help: 'Reads of the configuration or services file that were refused (unreadable or invalid).',
    labelNames: ['file'] as const,
    registers: [registry],
  });

  const policyRecordSkipped = new Counter({
    name: 'statika_policy_record_skipped_total',
    help: 'Listener replacements whose policies only the journal recorded, not a tag every host reads, by load balancer and reason.',
    labelNames: ['load_balancer', 'reason'] as const,
    registers: [registry],
  });

  return {
    registry,
    recorder: {
      record: (call) =>
        awsCalls.inc({ service: call.service, operation: call.operation, result: call.result }),
    },
    observeEvent: (event) => {
      switch (event.type) {
        case 'reconcile':
          reconciles.inc({ trigger: event.trigger, result: event.result });
          reconcileDuration.observe(event.durationMs / 1000);
          return;
        case 'action':
          actions.inc({ type: event.action.type, result: event.result });
          return;
        case 'forwarding':
          actions.inc({ type: 'replaceForwarding', result: event.result });
          return;
        case 'file':
          if (event.result === 'invalid' || event.result === 'error')
            fileReloadErrors.inc({ file: event.url });
          return;
        case 'observe-error':
        case 'journal-recovered':
          return;
      }
    },
    observePolicyRecordSkipped: (skipped) =>
      policyRecordSkipped.inc({ load_balancer: skipped.loadBalancerName, reason: skipped.reason }),
    observeStatus: (status) => {
      // Reset first: a service removed from the services file must not keep reporting its last value.
      inSync.reset();
      for (const service of status.services)
        inSync.set({ service: service.serviceName }, needsChange(service) ? 0 : 1);
    },
  };
};
