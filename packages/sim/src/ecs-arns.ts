/** The ARNs ECS gives the sim's resources: one account, the world's region and cluster. */
export const ACCOUNT_ID = '123456789012';

export interface EcsScope {
  readonly region: string;
  readonly cluster: string;
}

const prefix = (scope: EcsScope) => `arn:aws:ecs:${scope.region}:${ACCOUNT_ID}`;

export const clusterArn = (scope: EcsScope): string => `${prefix(scope)}:cluster/${scope.cluster}`;

/** The n-th host's container instance (ids made up, stable for a scenario). */
export const containerInstanceArn = (scope: EcsScope, index: number): string =>
  `${prefix(scope)}:container-instance/${scope.cluster}/${(index + 1).toString(16).padStart(8, '0')}1c2e4a6b8d0f1e3c5a7b9d0e`;

export const taskArn = (scope: EcsScope, taskId: string): string =>
  `${prefix(scope)}:task/${scope.cluster}/${taskId}`;

export const containerArn = (scope: EcsScope, taskId: string, uuid: string): string =>
  `${prefix(scope)}:container/${scope.cluster}/${taskId}/${uuid}`;

export const taskDefinitionArn = (scope: EcsScope, family: string, revision: number): string =>
  `${prefix(scope)}:task-definition/${family}:${revision}`;
