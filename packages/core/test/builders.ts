import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type {
  Action,
  HealthCheck,
  Listener,
  LoadBalancer,
  Observation,
  ServiceSpec,
  ServiceStatus,
  Spec,
  Task,
} from '../src/index.js';
import {
  Configuration,
  containerInstanceArn,
  describeServiceStatus,
  instanceId,
  loadBalancerName,
  taskArn,
} from '../src/index.js';

/** Builders for test data: one obvious default each, overridden per test. Expected values reuse them. */

export const MINUTE = 60_000;
export const NOW = 1_800_000_000_000;

export const HOST_A = { instanceId: instanceId('i-a'), containerInstanceArn: containerInstanceArn('ci/a') };
export const HOST_B = { instanceId: instanceId('i-b'), containerInstanceArn: containerInstanceArn('ci/b') };
export type HostRef = typeof HOST_A;

/** Configuration fields as written; the builder checks them with the codec, so a test cannot build a bad one. */
export type ConfigurationOptions = Partial<t.OutputOf<typeof Configuration>>;

export const configuration = (overrides: ConfigurationOptions = {}): Configuration => {
  const decoded = Configuration.decode({
    cluster: 'prod',
    sleepTimeSeconds: 10,
    settleTimeSeconds: 5,
    taskSelection: 'newest-ready',
    deregisterOnExit: false,
    fleetEcsReadsPerSecond: 8,
    fleetElbReadsPerSecond: 4,
    ...overrides,
  });
  if (E.isLeft(decoded)) throw new Error(`not a configuration: ${JSON.stringify(overrides)}`);
  return decoded.right;
};

/** A service spec; plain strings and numbers stand for the branded types. */
export interface ServiceOptions {
  readonly serviceName?: string;
  readonly family?: string | undefined;
  readonly exposedContainerName?: string;
  readonly loadBalancerName?: string;
  readonly containerPort?: number;
  readonly listeners?: readonly { loadBalancerPort: number; containerPort: number }[];
  readonly nodePort?: number;
}

export const service = (overrides: ServiceOptions = {}): ServiceSpec => {
  const s: Record<string, unknown> = {
    serviceName: 'web',
    family: 'web',
    exposedContainerName: 'app',
    loadBalancerName: 'web-lb',
    ...overrides,
  };
  if (s.family === undefined) delete s.family;
  return s as unknown as ServiceSpec;
};

export const spec = (
  services: readonly ServiceSpec[] = [service()],
  config: ConfigurationOptions = {},
): Spec => ({
  configuration: configuration(config),
  services,
});

export interface TaskOptions {
  readonly arn?: string;
  readonly family?: string;
  readonly group?: string;
  readonly host?: HostRef;
  /** Host ports by container port; a number alone binds container port 8080. */
  readonly ports?: number | readonly { containerPort: number; hostPort: number; protocol?: string }[];
  readonly startedAt?: number;
  readonly lastStatus?: string;
  readonly desiredStatus?: string;
  readonly healthStatus?: Task['healthStatus'];
  readonly containerName?: string;
}

export const task = (o: TaskOptions = {}): Task => {
  const host = o.host ?? HOST_A;
  const ports =
    typeof o.ports === 'number' || o.ports === undefined
      ? [{ containerPort: 8080, hostPort: o.ports ?? 32768 }]
      : o.ports;
  return {
    taskArn: taskArn(o.arn ?? 'task/1'),
    family: o.family ?? 'web',
    ...(o.group === undefined ? {} : { group: o.group }),
    containerInstanceArn: host.containerInstanceArn,
    instanceId: host.instanceId,
    lastStatus: o.lastStatus ?? 'RUNNING',
    desiredStatus: o.desiredStatus ?? 'RUNNING',
    healthStatus: o.healthStatus ?? 'UNKNOWN',
    startedAt: o.startedAt ?? NOW - 10 * MINUTE,
    containers: [
      {
        name: o.containerName ?? 'app',
        networkBindings: ports.map((p) => ({
          containerPort: p.containerPort,
          hostPort: p.hostPort,
          protocol: p.protocol ?? 'tcp',
        })),
      },
    ],
  };
};

export const listener = (overrides: Partial<Listener> = {}): Listener => ({
  protocol: 'HTTP',
  loadBalancerPort: 80,
  instanceProtocol: 'HTTP',
  instancePort: 32768,
  policyNames: [],
  ...overrides,
});

export const healthCheck = (target = 'HTTP:32768/health'): HealthCheck => ({
  target,
  interval: 30,
  timeout: 5,
  unhealthyThreshold: 2,
  healthyThreshold: 10,
});

export const loadBalancer = (overrides: Partial<LoadBalancer> = {}): LoadBalancer => ({
  name: loadBalancerName('web-lb'),
  listeners: [listener()],
  backendServers: [],
  healthCheck: healthCheck(),
  instances: [HOST_A.instanceId],
  ...overrides,
});

export const observation = (
  overrides: Partial<Observation> & { readonly on?: HostRef } = {},
): Observation => {
  const { on, ...rest } = overrides;
  return {
    host: { ...(on ?? HOST_A), status: 'ACTIVE' },
    tasks: [task()],
    loadBalancers: [loadBalancer()],
    ...rest,
  };
};

/** Expected actions, built the way the plan builds them. */
export const register = (host: HostRef = HOST_A, lb = 'web-lb', serviceName = 'web'): Action => ({
  type: 'register',
  serviceName,
  loadBalancerName: loadBalancerName(lb),
  instanceId: host.instanceId,
});

export const deregister = (host: HostRef = HOST_A, lb = 'web-lb', serviceName = 'web'): Action => ({
  type: 'deregister',
  serviceName,
  loadBalancerName: loadBalancerName(lb),
  instanceId: host.instanceId,
});

export const configureHealthCheck = (before: HealthCheck, after: HealthCheck, lb = 'web-lb'): Action => ({
  type: 'configureHealthCheck',
  serviceName: 'web',
  loadBalancerName: loadBalancerName(lb),
  before,
  after,
});

export const replaceListeners = (
  remove: readonly Listener[],
  create: readonly Listener[],
  lb = 'web-lb',
  writer: HostRef = HOST_A,
): Action => ({
  type: 'replaceListeners',
  serviceName: 'web',
  loadBalancerName: loadBalancerName(lb),
  remove,
  create,
  writer: writer.instanceId,
});

export const setBackendServerPolicies = (
  instancePort: number,
  before: readonly string[],
  policyNames: readonly string[],
  lb = 'web-lb',
): Action => ({
  type: 'setBackendServerPolicies',
  serviceName: 'web',
  loadBalancerName: loadBalancerName(lb),
  instancePort,
  before,
  policyNames,
});

/** Picks the parts of a status most tests assert on. */
export const stateOf = (s: ServiceStatus | undefined) =>
  s === undefined ? undefined : { state: s.state, serving: s.serving };

/** A status's reason in words, as `/status` and the logs show it. */
export const described = (s: ServiceStatus | undefined): string =>
  s === undefined ? '' : describeServiceStatus(s);
