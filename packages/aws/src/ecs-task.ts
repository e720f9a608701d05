import type {
  NetworkBinding as SdkBinding,
  Container as SdkContainer,
  Task as SdkTask,
} from '@aws-sdk/client-ecs';
import {
  type Container,
  type ContainerInstanceArn,
  containerInstanceArn,
  type HealthStatus,
  type InstanceId,
  type NetworkBinding,
  type Task,
  taskArn,
} from '@statika/core';

/** `arn:aws:ecs:…:task-definition/<family>:<revision>` → `<family>`. */
export const familyOf = (taskDefinitionArn: string | undefined): string | undefined => {
  const match = /task-definition\/([^:/]+)(?::\d+)?$/.exec(taskDefinitionArn ?? '');
  return match?.[1];
};

const healthOf = (status: string | undefined): HealthStatus =>
  status === 'HEALTHY' || status === 'UNHEALTHY' ? status : 'UNKNOWN';

/** A binding without a host port is not bound yet: it is left out, which the core reads the same way. */
const toBinding = (binding: SdkBinding): NetworkBinding[] =>
  binding.containerPort === undefined || binding.hostPort === undefined || binding.hostPort === 0
    ? []
    : [
        {
          containerPort: binding.containerPort,
          hostPort: binding.hostPort,
          protocol: binding.protocol ?? 'tcp',
          ...(binding.bindIP ? { bindIP: binding.bindIP } : {}),
        },
      ];

const toContainer = (container: SdkContainer): Container => ({
  name: container.name ?? '',
  networkBindings: (container.networkBindings ?? []).flatMap(toBinding),
  ...(container.healthStatus !== undefined ? { healthStatus: healthOf(container.healthStatus) } : {}),
});

/** The fields `belongsToService` reads, from an SDK task, before the whole task is mapped. */
export const taskKey = (task: SdkTask): { family: string; group?: string } => ({
  family: familyOf(task.taskDefinitionArn) ?? '',
  ...(task.group !== undefined ? { group: task.group } : {}),
});

/**
 * SDK task → core Task. A task with no container instance (Fargate) cannot be served from a host, so it
 * is not part of the observation (undefined). `instanceIds` resolves the container instance to its EC2 instance.
 */
export const toTask = (
  task: SdkTask,
  instanceIds: ReadonlyMap<ContainerInstanceArn, InstanceId>,
): Task | undefined => {
  if (task.taskArn === undefined || task.containerInstanceArn === undefined) return undefined;
  const host = containerInstanceArn(task.containerInstanceArn);
  const instanceId = instanceIds.get(host);
  return {
    taskArn: taskArn(task.taskArn),
    family: familyOf(task.taskDefinitionArn) ?? '',
    containerInstanceArn: host,
    lastStatus: task.lastStatus ?? 'UNKNOWN',
    desiredStatus: task.desiredStatus ?? 'UNKNOWN',
    healthStatus: healthOf(task.healthStatus),
    containers: (task.containers ?? []).map(toContainer),
    ...(task.group !== undefined ? { group: task.group } : {}),
    ...(instanceId !== undefined ? { instanceId } : {}),
    ...(task.startedAt !== undefined ? { startedAt: task.startedAt.getTime() } : {}),
    ...(task.createdAt !== undefined ? { createdAt: task.createdAt.getTime() } : {}),
  };
};
