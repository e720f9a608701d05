import { containerInstanceArn, type EcsScope } from './ecs-arns.js';
import { PortAllocator } from './port-allocator.js';
import type { HostSpec, HostStatus } from './world-spec.js';

/** A container instance of the cluster: its EC2 instance, its status and the host ports bound on it. */
export interface SimHost {
  readonly instanceId: string;
  readonly containerInstanceArn: string;
  status: HostStatus;
  readonly registeredAt: number;
  readonly ports: PortAllocator;
}

export const createHost = (spec: HostSpec, index: number, scope: EcsScope, now: number): SimHost => ({
  instanceId: spec.instanceId,
  containerInstanceArn: spec.containerInstanceArn ?? containerInstanceArn(scope, index),
  status: spec.status ?? 'ACTIVE',
  registeredAt: now,
  ports: new PortAllocator(),
});
