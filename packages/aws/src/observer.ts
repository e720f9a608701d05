import type { ContainerInstance, ECSClient, Task as SdkTask } from '@aws-sdk/client-ecs';
import type {
  ElasticLoadBalancingClient,
  LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  belongsToService,
  type ClusterSize,
  type ContainerInstanceArn,
  containerInstanceArn,
  type InstanceId,
  instanceId,
  type LoadBalancer,
  type LoadBalancerName,
  loadBalancerName,
  type Observation,
  type Spec,
  type Task,
} from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import type { Identity, Observer } from './contract.js';
import { describeContainerInstances, describeTasks, listRunningTaskArns } from './ecs-reads.js';
import { taskKey, toTask } from './ecs-task.js';
import { toLoadBalancer } from './elb-load-balancer.js';
import { describeLoadBalancers } from './elb-reads.js';
import { type Failure, malformed } from './failure.js';

interface HostFacts {
  readonly instanceIds: ReadonlyMap<ContainerInstanceArn, InstanceId>;
  readonly statuses: Readonly<Record<string, string>>;
}

const hostFacts = (instances: readonly ContainerInstance[]): HostFacts => {
  const instanceIds = new Map<ContainerInstanceArn, InstanceId>();
  const statuses: Record<string, string> = {};
  for (const instance of instances) {
    if (instance.containerInstanceArn === undefined) continue;
    const arn = containerInstanceArn(instance.containerInstanceArn);
    if (instance.ec2InstanceId) instanceIds.set(arn, instanceId(instance.ec2InstanceId));
    if (instance.status !== undefined) statuses[arn] = instance.status;
  }
  return { instanceIds, statuses };
};

const malformedLoadBalancer = (name: string, what: string): Failure =>
  malformed(
    { service: 'elb', operation: 'DescribeLoadBalancers', resource: name },
    `load balancer ${name}: ${what}`,
  );

/** The configured tasks (with their hosts) of the cluster: ListTasks, DescribeTasks, DescribeContainerInstances. */
const observeTasks = async (
  ecs: ECSClient,
  spec: Spec,
  identity: Identity,
): Promise<E.Either<Failure, { tasks: Task[]; hosts: HostFacts; clusterSize: ClusterSize }>> => {
  const cluster = spec.configuration.cluster;
  const arns = await listRunningTaskArns(ecs, cluster);
  if (E.isLeft(arns)) return arns;
  const described = await describeTasks(ecs, cluster, arns.right);
  if (E.isLeft(described)) return described;
  const configured = described.right.filter((task) =>
    spec.services.some((service) => belongsToService(service, taskKey(task))),
  );
  // This host plus every host a configured task runs on, in one call per 100: the same call refreshes
  // each host's status (DRAINING) and resolves each task's EC2 instance.
  const hostArns = new Set<string>([identity.containerInstanceArn]);
  for (const task of configured) if (task.containerInstanceArn) hostArns.add(task.containerInstanceArn);
  const instances = await describeContainerInstances(ecs, cluster, [...hostArns]);
  if (E.isLeft(instances)) return instances;
  const hosts = hostFacts(instances.right);
  const tasks = configured.flatMap((task) => toTask(task, hosts.instanceIds) ?? []);
  // Every task of the cluster was described anyway: its size, for the fleet's API budget, costs nothing.
  const clusterSize = {
    tasks: arns.right.length,
    containerInstances: new Set(described.right.flatMap((task) => task.containerInstanceArn ?? [])).size,
  };
  return E.right({ tasks, hosts, clusterSize });
};

/** The named load balancers, in one DescribeLoadBalancers call (plus one per missing name). */
const readLoadBalancers = async (
  elb: ElasticLoadBalancingClient,
  names: readonly string[],
): Promise<E.Either<Failure, { loadBalancers: LoadBalancer[]; missing: LoadBalancerName[] }>> => {
  const described = await describeLoadBalancers(elb, names);
  if (E.isLeft(described)) return described;
  const loadBalancers = E.traverseArray((description: LoadBalancerDescription) =>
    E.mapLeft((problem: string) => malformedLoadBalancer(description.LoadBalancerName ?? '?', problem))(
      toLoadBalancer(description),
    ),
  )(described.right.found);
  if (E.isLeft(loadBalancers)) return loadBalancers;
  return E.right({
    loadBalancers: [...loadBalancers.right],
    missing: described.right.missing.map(loadBalancerName),
  });
};

/**
 * The observer: the whole current state for one reconcile, in a number of calls that does not grow with
 * the number of services (see README). Any failed or partial read is a Left, never "no tasks".
 */
export const createObserver = (clients: {
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingClient;
}): Observer => ({
  async observe(spec: Spec, identity: Identity): Promise<E.Either<Failure, Observation>> {
    // ECS and ELB are read side by side: they share no rate limit and the reconcile waits for both.
    const [tasks, balancers] = await Promise.all([
      observeTasks(clients.ecs, spec, identity),
      readLoadBalancers(
        clients.elb,
        spec.services.map((service) => service.loadBalancerName),
      ),
    ]);
    if (E.isLeft(tasks)) return tasks;
    if (E.isLeft(balancers)) return balancers;
    const { hosts } = tasks.right;
    return E.right({
      host: {
        instanceId: identity.instanceId,
        containerInstanceArn: identity.containerInstanceArn,
        status: hosts.statuses[identity.containerInstanceArn] ?? 'UNKNOWN',
      },
      tasks: tasks.right.tasks,
      loadBalancers: balancers.right.loadBalancers,
      hostStatuses: hosts.statuses,
      clusterSize: tasks.right.clusterSize,
    });
  },
  describeLoadBalancers: (names) => readLoadBalancers(clients.elb, names),
  async describeTasks(cluster, arns) {
    const described = await describeTasks(clients.ecs, cluster, arns);
    return E.map((tasks: SdkTask[]) => tasks.flatMap((task) => toTask(task, new Map()) ?? []))(described);
  },
});
