import {
  belongsToService,
  type ContainerInstanceArn,
  containerInstanceArn,
  type HealthStatus,
  instanceId,
  type LoadBalancer,
  loadBalancerName,
  type NetworkBinding,
  type Observation,
  type ServiceSpec,
  type Task,
  taskArn,
} from '@statika/core';

/**
 * The part of the sim's `WorldSnapshot` the invariants read (a snapshot is one), kept small so that
 * tests can write a cluster by hand.
 */
export interface ViewTask {
  readonly taskArn: string;
  readonly family: string;
  readonly containerInstanceArn: string;
  readonly instanceId: string;
  readonly group?: string | undefined;
  readonly lastStatus: string;
  readonly desiredStatus: string;
  readonly healthStatus: HealthStatus;
  readonly startedAt?: number | undefined;
  readonly containers: readonly {
    readonly name: string;
    readonly networkBindings: readonly NetworkBinding[];
    readonly healthStatus?: HealthStatus;
  }[];
}

export interface ViewHost {
  readonly instanceId: string;
  readonly containerInstanceArn: string;
  readonly status: string;
}

/** A load balancer as the sim shows it: plain strings where the core has branded ids. */
export interface ViewLoadBalancer extends Omit<LoadBalancer, 'name' | 'instances'> {
  readonly name: string;
  readonly instances: readonly string[];
}

export interface ClusterView {
  /** The clock's time, epoch ms. */
  readonly at: number;
  readonly hosts: readonly ViewHost[];
  readonly tasks: readonly ViewTask[];
  readonly loadBalancers: readonly ViewLoadBalancer[];
}

const belongs = (service: ServiceSpec, task: ViewTask): boolean =>
  belongsToService(service, { family: task.family, ...(task.group ? { group: task.group } : {}) });

export const tasksOf = (view: ClusterView, service: ServiceSpec): readonly ViewTask[] =>
  view.tasks.filter((task) => belongs(service, task));

const isActiveHost = (view: ClusterView, instance: string): boolean =>
  view.hosts.some((h) => h.instanceId === instance && h.status === 'ACTIVE');

/**
 * The host ports a task could serve the service on: a task that runs and is meant to keep running, on an
 * ACTIVE host, with a TCP binding of the exposed container. The soak's services publish one port each.
 */
export const candidatePorts = (
  view: ClusterView,
  task: ViewTask,
  service: ServiceSpec,
): readonly number[] => {
  if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return [];
  if (!isActiveHost(view, task.instanceId)) return [];
  const container = task.containers.find((c) => c.name === service.exposedContainerName);
  return (container?.networkBindings ?? [])
    .filter((b) => b.hostPort > 0 && b.protocol.toLowerCase() === 'tcp')
    .filter((b) => service.containerPort === undefined || b.containerPort === service.containerPort)
    .map((b) => b.hostPort);
};

/** The candidates of a service cluster-wide, as (instance, host port) pairs. */
export const candidatesOf = (
  view: ClusterView,
  service: ServiceSpec,
): readonly { readonly instanceId: string; readonly hostPort: number; readonly task: ViewTask }[] =>
  tasksOf(view, service).flatMap((task) =>
    candidatePorts(view, task, service).map((hostPort) => ({ instanceId: task.instanceId, hostPort, task })),
  );

const toTask = (task: ViewTask): Task => ({
  taskArn: taskArn(task.taskArn),
  family: task.family,
  containerInstanceArn: containerInstanceArn(task.containerInstanceArn),
  instanceId: instanceId(task.instanceId),
  lastStatus: task.lastStatus,
  desiredStatus: task.desiredStatus,
  healthStatus: task.healthStatus,
  ...(task.group === undefined ? {} : { group: task.group }),
  ...(task.startedAt === undefined ? {} : { startedAt: task.startedAt }),
  containers: task.containers.map((c) => ({
    name: c.name,
    networkBindings: c.networkBindings.map((b) => ({ ...b })),
    ...(c.healthStatus === undefined ? {} : { healthStatus: c.healthStatus }),
  })),
});

/**
 * What one host's agent would observe of this cluster with no fault: the configured tasks that ListTasks
 * (desiredStatus RUNNING) returns, the configured load balancers and every host's status.
 */
export const observationOf = (
  view: ClusterView,
  host: ViewHost,
  services: readonly ServiceSpec[],
): Observation => {
  const names = new Set<string>(services.map((s) => s.loadBalancerName));
  const hostStatuses: Record<ContainerInstanceArn, string> = {};
  for (const h of view.hosts) hostStatuses[containerInstanceArn(h.containerInstanceArn)] = h.status;
  return {
    host: {
      instanceId: instanceId(host.instanceId),
      containerInstanceArn: containerInstanceArn(host.containerInstanceArn),
      status: host.status,
    },
    tasks: view.tasks
      .filter((task) => task.desiredStatus === 'RUNNING' && services.some((s) => belongs(s, task)))
      .map(toTask),
    loadBalancers: view.loadBalancers
      .filter((lb) => names.has(lb.name))
      .map((lb) => ({ ...lb, name: loadBalancerName(lb.name), instances: lb.instances.map(instanceId) })),
    hostStatuses,
  };
};
