/** ECS's task and container health (`healthStatus`). */
export type SimHealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

/** A container's port as ECS reports it once the container runs (`networkBindings`). */
export interface SimNetworkBinding {
  readonly bindIP: string;
  readonly containerPort: number;
  readonly hostPort: number;
  readonly protocol: string;
}

/** A container of a simulated task, with the host ports it holds (bound from placement until STOPPED). */
export interface SimContainer {
  readonly name: string;
  readonly dockerId: string;
  readonly containerArn: string;
  /** The mappings with their host ports resolved (dynamic ports allocated at placement). */
  readonly ports: readonly { containerPort: number; hostPort: number; protocol: string }[];
  /** What ECS reports: the ports once the container runs, none before. */
  networkBindings: SimNetworkBinding[];
  readonly hasHealthCheck: boolean;
  healthStatus: SimHealthStatus;
  lastStatus: string;
  exitCode?: number;
}

export type TaskLastStatus = 'PENDING' | 'RUNNING' | 'STOPPED';
export type TaskDesiredStatus = 'RUNNING' | 'STOPPED';

/** A simulated ECS task. Times are epoch ms on the world's clock. */
export interface SimTask {
  readonly taskArn: string;
  readonly family: string;
  readonly revision: number;
  readonly taskDefinitionArn: string;
  readonly containerInstanceArn: string;
  readonly instanceId: string;
  readonly serviceName: string | undefined;
  /** `service:<serviceName>` for service tasks. */
  readonly group: string | undefined;
  lastStatus: TaskLastStatus;
  desiredStatus: TaskDesiredStatus;
  healthStatus: SimHealthStatus;
  readonly createdAt: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  containers: SimContainer[];
  /** Bumped on every change, as ECS's `version`. */
  version: number;
}

/**
 * ECS's task health: UNHEALTHY if a container with a health check fails it; HEALTHY only when every
 * container with a health check passes; UNKNOWN when none has one or one is still undecided.
 */
export const aggregateTaskHealth = (containers: readonly SimContainer[]): SimHealthStatus => {
  const checked = containers.filter((c) => c.hasHealthCheck);
  if (checked.some((c) => c.healthStatus === 'UNHEALTHY')) return 'UNHEALTHY';
  if (checked.length === 0 || checked.some((c) => c.healthStatus !== 'HEALTHY')) return 'UNKNOWN';
  return 'HEALTHY';
};

export const hasHealthCheck = (task: SimTask): boolean => task.containers.some((c) => c.hasHealthCheck);

/** Running, and passing its health check when it has one: what counts as healthy for deployments. */
export const isHealthyTask = (task: SimTask): boolean =>
  task.lastStatus === 'RUNNING' && (!hasHealthCheck(task) || task.healthStatus === 'HEALTHY');

/** Short id of an ARN: what follows the last slash. */
export const arnId = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
