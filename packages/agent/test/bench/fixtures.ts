import { type LoadBalancer, loadBalancerName, type ServiceSpec, type Spec } from '@statika/core';
import type { ClusterView, ViewTask } from '../../bench/soak/cluster-view.js';
import { testConfiguration } from '../helpers/configuration.js';

export const NOW = Date.parse('2026-01-01T01:00:00Z');

export const hostA = {
  instanceId: 'i-a',
  containerInstanceArn: 'arn:aws:ecs:us-east-1:1:container-instance/c/a',
  status: 'ACTIVE',
};
export const hostB = {
  instanceId: 'i-b',
  containerInstanceArn: 'arn:aws:ecs:us-east-1:1:container-instance/c/b',
  status: 'ACTIVE',
};

export const web: ServiceSpec = {
  serviceName: 'web',
  family: 'web',
  exposedContainerName: 'app',
  loadBalancerName: loadBalancerName('web-elb'),
} as ServiceSpec;

export const spec: Spec = {
  configuration: testConfiguration({
    cluster: 'c',
    sleepTimeSeconds: 10,
    settleTimeSeconds: 5,
    taskSelection: 'newest-ready',
    deregisterOnExit: false,
    fleetEcsReadsPerSecond: 8,
    fleetElbReadsPerSecond: 4,
  }),
  services: [web],
};

export const task = (
  id: string,
  host: typeof hostA,
  hostPort: number,
  fields: Partial<Pick<ViewTask, 'lastStatus' | 'desiredStatus' | 'startedAt'>> = {},
): ViewTask => ({
  taskArn: `arn:aws:ecs:us-east-1:1:task/c/${id}`,
  family: 'web',
  containerInstanceArn: host.containerInstanceArn,
  instanceId: host.instanceId,
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
  healthStatus: 'UNKNOWN',
  startedAt: NOW - 60_000,
  containers: [{ name: 'app', networkBindings: [{ containerPort: 8080, hostPort, protocol: 'tcp' }] }],
  ...fields,
});

export const webElb = (
  instancePort: number,
  instances: readonly string[],
  extra: Partial<LoadBalancer> = {},
): LoadBalancer =>
  ({
    name: loadBalancerName('web-elb'),
    listeners: [
      { protocol: 'HTTP', loadBalancerPort: 80, instanceProtocol: 'HTTP', instancePort, policyNames: [] },
    ],
    backendServers: [],
    healthCheck: {
      target: `HTTP:${instancePort}/health`,
      interval: 5,
      timeout: 2,
      unhealthyThreshold: 2,
      healthyThreshold: 2,
    },
    instances,
    ...extra,
  }) as LoadBalancer;

export const view = (
  tasks: readonly ViewTask[],
  loadBalancers: readonly LoadBalancer[],
  hosts = [hostA, hostB],
): ClusterView => ({
  at: NOW,
  hosts,
  tasks,
  loadBalancers,
});
