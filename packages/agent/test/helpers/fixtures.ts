import { type Failure, throttled as throttledFailure } from '@statika/aws';
import type { InstanceId, Listener, LoadBalancerName, ReplaceListeners, TaskArn } from '@statika/core';
import type { AgentStatus, ServiceReport } from '../../src/agent-status.js';

export const lb = 'web-elb' as LoadBalancerName;
export const instanceId = 'i-0123456789abcdef0' as InstanceId;

export const listener = (loadBalancerPort: number, instancePort: number): Listener => ({
  protocol: 'HTTP',
  loadBalancerPort,
  instanceProtocol: 'HTTP',
  instancePort,
  policyNames: [],
});

export const replaceListener80: ReplaceListeners = {
  type: 'replaceListeners',
  serviceName: 'web',
  loadBalancerName: lb,
  remove: [listener(80, 31000)],
  create: [listener(80, 32769)],
};

export const throttled: Failure = throttledFailure({
  service: 'elb',
  operation: 'CreateLoadBalancerListeners',
  resource: 'web-elb',
  code: 'Throttling',
  message: 'Rate exceeded',
});

export const serviceReport = (overrides: Partial<ServiceReport> = {}): ServiceReport => ({
  serviceName: 'web',
  loadBalancerName: lb,
  state: 'in-sync',
  serving: {
    taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/prod/abc' as TaskArn,
    instanceId,
    hostPort: 32769,
    ready: true,
    onThisHost: true,
  },
  reason: { type: 'serves-here' },
  leftAlone: [],
  since: Date.UTC(2026, 10, 26, 12, 0, 0),
  lastAction: undefined,
  lastError: undefined,
  ...overrides,
});

export const agentStatus = (overrides: Partial<AgentStatus> = {}): AgentStatus => ({
  lastTickAt: 1_000_000,
  resyncIntervalMs: 10_000,
  ready: true,
  identity: {
    instanceId,
    containerInstanceArn: 'arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/1',
    source: 'override',
  },
  files: [{ url: 's3://bucket/services.json', loadedAt: 999_000, error: undefined }],
  lastObservation: { at: 1_000_000, error: undefined },
  services: [serviceReport()],
  ...overrides,
});
