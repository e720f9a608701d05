import * as t from 'io-ts';
import { ForwardingRule } from './forwarding-rule.js';
import { ContainerInstanceArn, InstanceId, LoadBalancerName, TaskArn } from './ids.js';

/**
 * The observation: the whole current state the plan needs, read fresh on every reconcile (level-based,
 * never a delta). It is a codec so that a saved observation (`statika plan --json`) can be planned again
 * by other tooling. Times are epoch milliseconds.
 */

export const NetworkBinding = t.intersection([
  t.type({ containerPort: t.number, hostPort: t.number, protocol: t.string }),
  t.partial({ bindIP: t.string }),
]);
export type NetworkBinding = t.TypeOf<typeof NetworkBinding>;

export const HealthStatus = t.keyof({ HEALTHY: null, UNHEALTHY: null, UNKNOWN: null });
export type HealthStatus = t.TypeOf<typeof HealthStatus>;

export const Container = t.intersection([
  t.type({ name: t.string, networkBindings: t.array(NetworkBinding) }),
  t.partial({ healthStatus: HealthStatus }),
]);
export type Container = t.TypeOf<typeof Container>;

export const Task = t.intersection([
  t.type({
    taskArn: TaskArn,
    /** Family of the task definition (`…:task-definition/<family>:<revision>`). */
    family: t.string,
    containerInstanceArn: ContainerInstanceArn,
    /** ECS lastStatus: PROVISIONING, PENDING, RUNNING, STOPPED, … */
    lastStatus: t.string,
    desiredStatus: t.string,
    /** Task health: HEALTHY only when every essential container with a health check passes. */
    healthStatus: HealthStatus,
    containers: t.array(Container),
  }),
  t.partial({
    /** `service:<serviceName>` for tasks started by a service. */
    group: t.string,
    /** EC2 instance of the task's container instance; absent when it could not be resolved. */
    instanceId: InstanceId,
    /** Epoch ms. Absent until the task has started. */
    startedAt: t.number,
    /** Epoch ms at which ECS created (placed) the task: how long a task still PENDING has waited. */
    createdAt: t.number,
  }),
]);
export type Task = t.TypeOf<typeof Task>;

export const ContainerInstanceStatus = t.string; // ACTIVE, DRAINING, INACTIVE, REGISTERING, …
export const Host = t.type({
  instanceId: InstanceId,
  containerInstanceArn: ContainerInstanceArn,
  status: ContainerInstanceStatus,
});
export type Host = t.TypeOf<typeof Host>;

export const Listener = t.intersection([
  t.type({
    protocol: t.string,
    loadBalancerPort: t.number,
    instancePort: t.number,
    /** Listener policies (e.g. an SSL negotiation policy); lost on delete, restored on create. */
    policyNames: t.array(t.string),
  }),
  t.partial({ instanceProtocol: t.string, sslCertificateId: t.string }),
]);
export type Listener = t.TypeOf<typeof Listener>;

export const BackendServer = t.type({ instancePort: t.number, policyNames: t.array(t.string) });
export type BackendServer = t.TypeOf<typeof BackendServer>;

export const HealthCheck = t.type({
  target: t.string,
  interval: t.number,
  timeout: t.number,
  unhealthyThreshold: t.number,
  healthyThreshold: t.number,
});
export type HealthCheck = t.TypeOf<typeof HealthCheck>;

export const LoadBalancer = t.type({
  name: LoadBalancerName,
  listeners: t.array(Listener),
  backendServers: t.array(BackendServer),
  healthCheck: HealthCheck,
  instances: t.array(InstanceId),
});
export type LoadBalancer = t.TypeOf<typeof LoadBalancer>;

/**
 * The size of the whole cluster, from the task list every observation reads anyway: what the agents'
 * shared API budget is divided by (see resync-interval.ts).
 */
export const ClusterSize = t.type({
  /** Tasks with desiredStatus RUNNING in the cluster, of every family (ListTasks pages through them all). */
  tasks: t.number,
  /** Distinct container instances those tasks run on: every host, where Statika runs as a DAEMON task. */
  containerInstances: t.number,
});
export type ClusterSize = t.TypeOf<typeof ClusterSize>;

export const Observation = t.intersection([
  t.type({
    /** This host: the EC2 instance and container instance the agent runs on. */
    host: Host,
    /** Every task of every configured service, cluster-wide, with desiredStatus RUNNING (and any still stopping). */
    tasks: t.array(Task),
    /** Every configured load balancer that exists. */
    loadBalancers: t.array(LoadBalancer),
  }),
  t.partial({
    /**
     * Status of the container instances the tasks run on, by ARN (ACTIVE, DRAINING, …). A task on a
     * DRAINING host is about to be stopped by ECS and is never chosen to serve.
     */
    hostStatuses: t.record(t.string, t.string),
    /**
     * This host's forwarding rules (node-port mode) as the host driver read them from the kernel; absent
     * when the agent has no host driver, and then node-port services get no forwarding.
     */
    forwarding: t.array(ForwardingRule),
    clusterSize: ClusterSize,
  }),
]);
export type Observation = t.TypeOf<typeof Observation>;
