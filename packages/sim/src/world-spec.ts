import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { ElbError } from './elb-error.js';
import { validateHealthCheck } from './health-check-rules.js';
import { BackendServerSpec, HealthCheckSpec, ListenerSpec } from './load-balancer.js';
import { validPort } from './port.js';

/**
 * The world a sim starts from: one ECS cluster, its hosts, task definitions, services and Classic ELBs,
 * plus S3 objects. A codec, so that scenario JSON files decode with messages that name the JSON path.
 */

export const HostStatus = t.keyof({ ACTIVE: null, DRAINING: null });
export type HostStatus = t.TypeOf<typeof HostStatus>;

export const HostSpec = t.intersection([
  t.type({ instanceId: t.string }),
  t.partial({ containerInstanceArn: t.string, status: HostStatus }),
]);
export type HostSpec = t.TypeOf<typeof HostSpec>;

export const PortMappingSpec = t.intersection([
  /** hostPort 0 asks for a dynamic port (32768-60999), allocated per host. */
  t.type({ containerPort: t.number, hostPort: t.number }),
  t.partial({ protocol: t.keyof({ tcp: null, udp: null }) }),
]);
export type PortMappingSpec = t.TypeOf<typeof PortMappingSpec>;

export const ContainerHealthCheckSpec = t.intersection([
  /** The container turns HEALTHY this long after it started running (UNKNOWN before). */
  t.type({ healthyAfterMs: t.number }),
  /** Turn UNHEALTHY instead, after the same delay. */
  t.partial({ unhealthy: t.boolean }),
]);
export type ContainerHealthCheckSpec = t.TypeOf<typeof ContainerHealthCheckSpec>;

export const ContainerSpec = t.intersection([
  t.type({ name: t.string, portMappings: t.array(PortMappingSpec) }),
  t.partial({ healthCheck: ContainerHealthCheckSpec }),
]);
export type ContainerSpec = t.TypeOf<typeof ContainerSpec>;

export const TaskDefinitionSpec = t.intersection([
  t.type({ family: t.string, containers: t.array(ContainerSpec) }),
  t.partial({
    /** PENDING to RUNNING. Default 1000. */
    startDelayMs: t.number,
    /**
     * Each task takes up to this much longer, uniformly at random (seeded), to go from PENDING to RUNNING:
     * image pulls and container starts vary from host to host, so tasks ECS starts together start running
     * in a random order. Default 0.
     */
    startJitterMs: t.number,
    /** desiredStatus STOPPED to lastStatus STOPPED (ECS's stop timeout). Default 30000. */
    stopTimeoutMs: t.number,
  }),
]);
export type TaskDefinitionSpec = t.TypeOf<typeof TaskDefinitionSpec>;

export const ServiceSpec = t.intersection([
  t.type({ serviceName: t.string, family: t.string, desiredCount: t.number }),
  t.partial({
    /** Instance ids the service may place tasks on; default: every ACTIVE host. */
    placement: t.array(t.string),
    /** Default 100. */
    minimumHealthyPercent: t.number,
    /** Default 200. */
    maximumPercent: t.number,
  }),
]);
export type ServiceSpec = t.TypeOf<typeof ServiceSpec>;

export const LoadBalancerSpec = t.intersection([
  t.type({ name: t.string, listeners: t.array(ListenerSpec), healthCheck: HealthCheckSpec }),
  t.partial({
    backendServers: t.array(BackendServerSpec),
    instances: t.array(t.string),
    /** Tags the load balancer starts with (someone else's, for example), by key. */
    tags: t.record(t.string, t.string),
  }),
]);
export type LoadBalancerSpec = t.TypeOf<typeof LoadBalancerSpec>;

export const ObjectSpec = t.type({ bucket: t.string, key: t.string, body: t.string });
export type ObjectSpec = t.TypeOf<typeof ObjectSpec>;

/** One token bucket of AWS's API throttling: `burst` tokens at most, `refillPerSecond` back every second. */
export const BucketSpec = t.type({ burst: t.number, refillPerSecond: t.number });
export type BucketSpec = t.TypeOf<typeof BucketSpec>;

/** Account-wide API throttling, one bucket per category (see api-throttle.ts); a category left out is not throttled. */
export const ThrottlingSpec = t.partial({
  ecsReads: BucketSpec,
  ecsWrites: BucketSpec,
  elbReads: BucketSpec,
  elbWrites: BucketSpec,
  s3GetObject: BucketSpec,
});
export type ThrottlingSpec = t.TypeOf<typeof ThrottlingSpec>;

export const WorldSpec = t.intersection([
  t.type({
    cluster: t.string,
    hosts: t.array(HostSpec),
    taskDefinitions: t.array(TaskDefinitionSpec),
    services: t.array(ServiceSpec),
    loadBalancers: t.array(LoadBalancerSpec),
  }),
  t.partial({
    /** Default us-east-1. */
    region: t.string,
    objects: t.array(ObjectSpec),
    /**
     * Default true: the world starts settled, its services' first tasks already RUNNING (and HEALTHY) and
     * registered instances that pass their health check InService. False: everything starts from PENDING.
     */
    settled: t.boolean,
    /** Default none: no call is ever throttled (faults aside). */
    throttling: ThrottlingSpec,
  }),
]);
export type WorldSpec = t.TypeOf<typeof WorldSpec>;

/** The JSON path of a decode error; the member indices of intersections are not part of it. */
const pathOf = (context: t.Context): string =>
  context
    .filter(
      (_entry, i) =>
        i > 0 && (context[i - 1]?.type as { _tag?: string } | undefined)?._tag !== 'IntersectionType',
    )
    .map((entry) => (/^\d+$/.test(entry.key) ? `[${entry.key}]` : `.${entry.key}`))
    .join('')
    .replace(/^\./, '');

const describeValue = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

/** One line per problem: `services[0].desiredCount: expected number, got "2"`. */
export const formatDecodeErrors = (errors: t.Errors): string[] => {
  const lines = errors.map((error) => {
    const expected = error.context[error.context.length - 1]?.type.name ?? 'a value';
    return `${pathOf(error.context) || '(root)'}: expected ${expected}, got ${describeValue(error.value)}`;
  });
  return [...new Set(lines)];
};

/** Decodes a scenario; on failure, readable messages (never a stack trace), one per problem. */
export const decodeWorldSpec = (json: unknown): E.Either<string[], WorldSpec> => {
  const decoded = WorldSpec.decode(json);
  if (E.isLeft(decoded)) return E.left(formatDecodeErrors(decoded.left));
  return checkReferences(decoded.right);
};

const duplicates = (names: readonly string[]): string[] => [
  ...new Set(names.filter((name, i) => names.indexOf(name) !== i)),
];

/** What a codec cannot see: references between parts, unique names, ports, AWS-valid health checks. */
const checkReferences = (spec: WorldSpec): E.Either<string[], WorldSpec> => {
  const families = new Set(spec.taskDefinitions.map((d) => d.family));
  const hosts = new Set(spec.hosts.map((h) => h.instanceId));
  const problems = [
    ...duplicates(spec.hosts.map((h) => h.instanceId)).map((id) => `hosts: "${id}" appears twice`),
    ...duplicates(spec.taskDefinitions.map((d) => d.family)).map(
      (f) => `taskDefinitions: "${f}" appears twice`,
    ),
    ...duplicates(spec.services.map((s) => s.serviceName)).map((n) => `services: "${n}" appears twice`),
    ...duplicates(spec.loadBalancers.map((lb) => lb.name)).map((n) => `loadBalancers: "${n}" appears twice`),
    ...spec.taskDefinitions.flatMap((d, i) =>
      d.containers.flatMap((c, j) =>
        c.portMappings.flatMap((m, k) => [
          ...(validPort(m.containerPort)
            ? []
            : [`taskDefinitions[${i}].containers[${j}].portMappings[${k}].containerPort: expected 1-65535`]),
          ...(m.hostPort === 0 || validPort(m.hostPort)
            ? []
            : [
                `taskDefinitions[${i}].containers[${j}].portMappings[${k}].hostPort: expected 0 (dynamic) or 1-65535`,
              ]),
        ]),
      ),
    ),
    ...spec.services.flatMap((s, i) => [
      ...(families.has(s.family) ? [] : [`services[${i}].family: no task definition "${s.family}"`]),
      ...(Number.isInteger(s.desiredCount) && s.desiredCount >= 0
        ? []
        : [`services[${i}].desiredCount: expected a non-negative integer`]),
      ...(s.placement ?? [])
        .filter((id) => !hosts.has(id))
        .map((id) => `services[${i}].placement: no host "${id}"`),
    ]),
    ...spec.loadBalancers.flatMap((lb, i) => [
      ...(lb.instances ?? [])
        .filter((id) => !hosts.has(id))
        .map((id) => `loadBalancers[${i}].instances: no host "${id}"`),
      ...E.fold(
        (error: ElbError) => [`loadBalancers[${i}].healthCheck: ${error.message}`],
        () => [],
      )(validateHealthCheck(lb.healthCheck)),
    ]),
    ...Object.entries(spec.throttling ?? {}).flatMap(([category, bucket]) => [
      ...(bucket.burst >= 1 ? [] : [`throttling.${category}.burst: expected at least 1`]),
      ...(bucket.refillPerSecond > 0 ? [] : [`throttling.${category}.refillPerSecond: expected more than 0`]),
    ]),
  ];
  return problems.length > 0 ? E.left(problems) : E.right(spec);
};
