import { type Failure, isRetryable } from '@statika/aws';
import { describeServiceStatus } from '@statika/core';
import type { AgentStatus, ServiceReport } from '../agent-status.js';
import { describeAction } from '../log/describe-action.js';

/**
 * `/status` as JSON: the agent's status with times as ISO strings and errors and actions flattened to
 * what an operator reads (`curl -s :9464/status | jq`).
 */
export const statusView = (status: AgentStatus) => ({
  ready: status.ready,
  lastTickAt: isoTime(status.lastTickAt),
  resyncIntervalSeconds: status.resyncIntervalMs === undefined ? undefined : status.resyncIntervalMs / 1000,
  identity: status.identity,
  files: status.files.map((f) => ({ url: f.url, loadedAt: isoTime(f.loadedAt), error: f.error })),
  lastObservation:
    status.lastObservation === undefined
      ? undefined
      : { at: isoTime(status.lastObservation.at), error: errorView(status.lastObservation.error) },
  services: status.services.map(serviceView),
});

const serviceView = (s: ServiceReport) => ({
  service: s.serviceName,
  loadBalancer: s.loadBalancerName,
  state: s.state,
  reason: s.reason,
  leftAlone: s.leftAlone,
  description: describeServiceStatus(s),
  since: isoTime(s.since),
  serving:
    s.serving === undefined
      ? undefined
      : {
          taskArn: s.serving.taskArn,
          instanceId: s.serving.instanceId,
          hostPort: s.serving.hostPort,
          ready: s.serving.ready,
          onThisHost: s.serving.onThisHost,
        },
  lastAction:
    s.lastAction === undefined
      ? undefined
      : {
          description: describeAction(s.lastAction.action).msg,
          result: s.lastAction.result,
          at: isoTime(s.lastAction.at),
        },
  lastError:
    s.lastError === undefined ? undefined : { ...errorView(s.lastError.error), at: isoTime(s.lastError.at) },
});

const errorView = (e: Failure | undefined) =>
  e === undefined
    ? undefined
    : {
        type: e.type,
        code: e.code,
        message: e.message,
        service: e.service,
        operation: e.operation,
        resource: e.resource,
        retryable: isRetryable(e),
      };

const isoTime = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString();
