import * as t from 'io-ts';

/**
 * Branded identifiers. An EC2 instance id and a container instance ARN are both strings, and mixing
 * them up would register the wrong thing with a load balancer: the brands make that a type error.
 */
const nonEmpty = (s: string) => s.length > 0;

export interface TaskArnBrand {
  readonly TaskArn: unique symbol;
}
export const TaskArn = t.brand(t.string, (s): s is t.Branded<string, TaskArnBrand> => nonEmpty(s), 'TaskArn');
export type TaskArn = t.TypeOf<typeof TaskArn>;

export interface ContainerInstanceArnBrand {
  readonly ContainerInstanceArn: unique symbol;
}
export const ContainerInstanceArn = t.brand(
  t.string,
  (s): s is t.Branded<string, ContainerInstanceArnBrand> => nonEmpty(s),
  'ContainerInstanceArn',
);
export type ContainerInstanceArn = t.TypeOf<typeof ContainerInstanceArn>;

export interface InstanceIdBrand {
  readonly InstanceId: unique symbol;
}
export const InstanceId = t.brand(
  t.string,
  (s): s is t.Branded<string, InstanceIdBrand> => nonEmpty(s),
  'InstanceId',
);
export type InstanceId = t.TypeOf<typeof InstanceId>;

export interface LoadBalancerNameBrand {
  readonly LoadBalancerName: unique symbol;
}
export const LoadBalancerName = t.brand(
  t.string,
  (s): s is t.Branded<string, LoadBalancerNameBrand> => nonEmpty(s),
  'LoadBalancerName',
);
export type LoadBalancerName = t.TypeOf<typeof LoadBalancerName>;

/** Unchecked constructors for ids that come from AWS answers or tests, already known to be non-empty. */
export const taskArn = (s: string) => s as TaskArn;
export const containerInstanceArn = (s: string) => s as ContainerInstanceArn;
export const instanceId = (s: string) => s as InstanceId;
export const loadBalancerName = (s: string) => s as LoadBalancerName;
