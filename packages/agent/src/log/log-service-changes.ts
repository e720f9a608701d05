import { describeServiceStatus } from '@statika/core';
import type { Logger } from 'pino';
import type { AgentStatus, ServiceReport } from '../agent-status.js';

/** One line for a service whose state changed between two statuses: what `/status` would show, as it happens. */
export const serviceChanges = (
  before: AgentStatus,
  after: AgentStatus,
): readonly { readonly service: ServiceReport; readonly from: string | undefined }[] => {
  const previous = new Map(before.services.map((s) => [s.serviceName, s]));
  return after.services.flatMap((service) => {
    const old = previous.get(service.serviceName);
    const changed =
      old === undefined ||
      old.state !== service.state ||
      old.serving?.taskArn !== service.serving?.taskArn ||
      old.serving?.hostPort !== service.serving?.hostPort;
    return changed ? [{ service, from: old?.state }] : [];
  });
};

export const logServiceChanges = (logger: Logger, before: AgentStatus, after: AgentStatus): void => {
  for (const { service, from } of serviceChanges(before, after)) {
    logger.info(
      {
        event: 'service',
        service: service.serviceName,
        loadBalancer: service.loadBalancerName,
        state: service.state,
        reason: service.reason.type,
        previousState: from,
        taskArn: service.serving?.taskArn,
        hostPort: service.serving?.hostPort,
      },
      `${service.serviceName}: ${from === undefined || from === service.state ? '' : `${from} → `}${service.state} (${describeServiceStatus(service)})`,
    );
  }
};
