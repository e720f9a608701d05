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
  partialReadsMaxAgeMs,
  type Spec,
  type Task,
} from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import type { Identity, Observer } from './contract.js';
import { describeTasks } from './ecs-reads.js';
import { taskKey, toTask } from './ecs-task.js';
import { toLoadBalancer } from './elb-load-balancer.js';
import { describeLoadBalancers } from './elb-reads.js';
import { type Failure, malformed } from './failure.js';
import {
  knownSize,
  nextTaskRead,
  noTaskReads,
  type TaskReads,
  type TasksRead,
  tasksRead,
} from './task-reads.js';

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

/** The cluster's tasks and hosts as the ECS reads found them, kept to the configured ones. */
interface TasksObserved {
  readonly tasks: Task[];
  readonly hosts: HostFacts;
  readonly clusterSize: ClusterSize;
}

/** This host plus every host a configured task runs on: one call per 100 refreshes each host's status
 * (DRAINING) and resolves each task's EC2 instance. */
const hostArnsOf =
  (spec: Spec, identity: Identity) =>
  (described: readonly SdkTask[]): string[] => {
    const hostArns = new Set<string>([identity.containerInstanceArn]);
    for (const task of configuredOf(spec, described))
      if (task.containerInstanceArn) hostArns.add(task.containerInstanceArn);
    return [...hostArns];
  };

const configuredOf = (spec: Spec, described: readonly SdkTask[]): SdkTask[] =>
  described.filter((task) => spec.services.some((service) => belongsToService(service, taskKey(task))));

const tasksObserved = (spec: Spec, read: TasksRead): TasksObserved => {
  const hosts = hostFacts(read.instances);
  const tasks = configuredOf(spec, read.described).flatMap((task) => toTask(task, hosts.instanceIds) ?? []);
  // Every task of the cluster was described anyway: its size, for the fleet's API budget, costs nothing.
  const clusterSize = {
    tasks: read.arns.length,
    containerInstances: new Set(read.described.flatMap((task) => task.containerInstanceArn ?? [])).size,
  };
  return { tasks, hosts, clusterSize };
};

/** ListTasks, DescribeTasks, DescribeContainerInstances from `start`, one after the other: where they stopped. */
const readTasks = async (
  ecs: ECSClient,
  start: TaskReads,
  hostArns: (described: readonly SdkTask[]) => readonly string[],
): Promise<{ readonly reads: TaskReads; readonly result: E.Either<Failure, TasksRead> }> => {
  let reads = start;
  for (;;) {
    const done = tasksRead(reads);
    if (done !== undefined) return { reads, result: E.right(done) };
    const next = await nextTaskRead(ecs, reads, hostArns);
    if (E.isLeft(next)) return { reads, result: next };
    reads = next.right;
  }
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

/** The observer's clock: when reads are made, for the age of reads kept across a throttle. */
export interface ObserverClock {
  readonly now: () => number;
}

/**
 * The observer: the whole current state for one reconcile, in a number of calls that does not grow with
 * the number of services (see README). Any failed or partial read is a Left, never "no tasks". When
 * throttling cuts the ECS reads off, the ones answered are kept (`partialReadsMaxAgeMs`) and the next
 * observation goes on from there: a whole fleet started at once otherwise spends the account's tokens
 * reading the same first pages again and again.
 */
export const createObserver = (
  clients: { readonly ecs: ECSClient; readonly elb: ElasticLoadBalancingClient },
  clock: ObserverClock = { now: Date.now },
): Observer => {
  let kept: TaskReads | undefined;
  const startReads = (spec: Spec): TaskReads => {
    const now = clock.now();
    const cluster = spec.configuration.cluster;
    const fresh =
      kept !== undefined &&
      kept.cluster === cluster &&
      now - kept.since <= partialReadsMaxAgeMs(spec, knownSize(kept));
    return fresh && kept !== undefined ? kept : noTaskReads(cluster, now);
  };
  return {
    async observe(spec: Spec, identity: Identity): Promise<E.Either<Failure, Observation>> {
      // ECS and ELB are read side by side: they share no rate limit and the reconcile waits for both.
      const [read, balancers] = await Promise.all([
        readTasks(clients.ecs, startReads(spec), hostArnsOf(spec, identity)),
        readLoadBalancers(
          clients.elb,
          spec.services.map((service) => service.loadBalancerName),
        ),
      ]);
      const failure = E.isLeft(read.result)
        ? read.result.left
        : E.isLeft(balancers)
          ? balancers.left
          : undefined;
      // Throttling cut them off: what was read is kept (from the attempt that read it first), to go on.
      kept = failure?.type === 'throttled' && read.reads.pages > 0 ? read.reads : undefined;
      if (E.isLeft(read.result)) return read.result;
      if (E.isLeft(balancers)) return balancers;
      const tasks = tasksObserved(spec, read.result.right);
      return E.right({
        host: {
          instanceId: identity.instanceId,
          containerInstanceArn: identity.containerInstanceArn,
          status: tasks.hosts.statuses[identity.containerInstanceArn] ?? 'UNKNOWN',
        },
        tasks: tasks.tasks,
        loadBalancers: balancers.right.loadBalancers,
        hostStatuses: tasks.hosts.statuses,
        clusterSize: tasks.clusterSize,
      });
    },
    describeLoadBalancers: (names) => readLoadBalancers(clients.elb, names),
    async describeTasks(cluster, arns) {
      const described = await describeTasks(clients.ecs, cluster, arns);
      return E.map((tasks: SdkTask[]) => tasks.flatMap((task) => toTask(task, new Map()) ?? []))(described);
    },
  };
};
