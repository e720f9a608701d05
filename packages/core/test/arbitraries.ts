import fc from 'fast-check';
import {
  type Configuration,
  containerInstanceArn,
  instanceId,
  type Listener,
  type LoadBalancer,
  loadBalancerName,
  type Observation,
  type ServiceSpec,
  type Spec,
  type Task,
  taskArn,
} from '../src/index.js';
import { configuration, HOST_A, HOST_B, type HostRef, NOW, service } from './builders.js';

/**
 * Small generators for specs and observations: few hosts, services and ports, so that collisions
 * (static ports, shared ports, equal start times) are common and the properties meet them.
 */

export const HOST_C = { instanceId: instanceId('i-c'), containerInstanceArn: containerInstanceArn('ci/c') };
export const HOSTS: readonly HostRef[] = [HOST_A, HOST_B, HOST_C];

const LB_PORTS = [80, 443, 8443] as const;
const CONTAINER_PORTS = [8080, 9090] as const;
const HOST_PORTS = [0, 8080, 32768, 32769, 32770] as const;
const POLICIES = ['proxy', 'ssl-2017', 'sticky'] as const;

const serviceArb = (i: number): fc.Arbitrary<ServiceSpec> =>
  fc
    .record({
      family: fc.boolean(),
      containerPort: fc.option(fc.constantFrom(...CONTAINER_PORTS), { nil: undefined }),
      listeners: fc.option(
        fc.uniqueArray(
          fc.record({
            loadBalancerPort: fc.constantFrom(...LB_PORTS),
            containerPort: fc.constantFrom(...CONTAINER_PORTS),
          }),
          {
            selector: (l) => l.loadBalancerPort,
            maxLength: 3,
          },
        ),
        { nil: undefined },
      ),
    })
    .map((o) =>
      service({
        serviceName: `svc${i}`,
        family: o.family ? `fam${i}` : undefined,
        loadBalancerName: `lb${i}`,
        ...(o.containerPort === undefined ? {} : { containerPort: o.containerPort }),
        ...(o.listeners === undefined ? {} : { listeners: o.listeners }),
      }),
    );

const taskArb = (svc: ServiceSpec, i: number, n: number): fc.Arbitrary<Task> =>
  fc
    .record({
      host: fc.constantFrom(...HOSTS),
      lastStatus: fc.constantFrom(
        'RUNNING',
        'RUNNING',
        'RUNNING',
        'RUNNING',
        'RUNNING',
        'PENDING',
        'STOPPED',
      ),
      desiredStatus: fc.constantFrom('RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'STOPPED'),
      healthStatus: fc.constantFrom('HEALTHY', 'UNHEALTHY', 'UNKNOWN') as fc.Arbitrary<Task['healthStatus']>,
      startedAt: fc.option(fc.constantFrom(NOW - 20_000, NOW - 6_000, NOW - 3_000, NOW), { nil: undefined }),
      bindings: fc.array(
        fc.record({
          containerPort: fc.constantFrom(...CONTAINER_PORTS),
          hostPort: fc.constantFrom(...HOST_PORTS),
          protocol: fc.constantFrom('tcp', 'tcp', 'tcp', 'TCP', 'udp'),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map(
      (o): Task => ({
        taskArn: taskArn(`arn:task/${i}-${n}`),
        family: svc.family ?? 'shared-family',
        ...(svc.family === undefined ? { group: `service:${svc.serviceName}` } : {}),
        containerInstanceArn: o.host.containerInstanceArn,
        instanceId: o.host.instanceId,
        lastStatus: o.lastStatus,
        desiredStatus: o.desiredStatus,
        healthStatus: o.healthStatus,
        ...(o.startedAt === undefined ? {} : { startedAt: o.startedAt }),
        containers: [{ name: svc.exposedContainerName, networkBindings: o.bindings }],
      }),
    );

const listenerArb = (loadBalancerPort: number): fc.Arbitrary<Listener> =>
  fc
    .record({
      protocol: fc.constantFrom('HTTP', 'http', 'HTTPS', 'TCP'),
      instancePort: fc.constantFrom(...HOST_PORTS.filter((p) => p > 0), 31000),
      policyNames: fc.subarray([...POLICIES]),
      sslCertificateId: fc.option(fc.constantFrom('', 'arn:cert/1'), { nil: undefined }),
    })
    .map((o) => ({
      protocol: o.protocol,
      loadBalancerPort,
      instancePort: o.instancePort,
      policyNames: o.policyNames,
      ...(o.sslCertificateId === undefined ? {} : { sslCertificateId: o.sslCertificateId }),
    }));

const loadBalancerArb = (svc: ServiceSpec): fc.Arbitrary<LoadBalancer> =>
  fc
    .record({
      ports: fc.subarray([...LB_PORTS]),
      target: fc.constantFrom('HTTP:31000/health?x=1', 'http:32768/', 'TCP:8080', 'SSL:32769', 'PING:1'),
      instances: fc.subarray(HOSTS.map((h) => h.instanceId)),
      backendServers: fc.uniqueArray(
        fc.record({
          instancePort: fc.constantFrom(8080, 31000, 32768, 32769),
          policyNames: fc.subarray([...POLICIES], { minLength: 1 }),
        }),
        { selector: (b) => b.instancePort, maxLength: 3 },
      ),
    })
    .chain((o) =>
      fc.tuple(...o.ports.map(listenerArb)).map(
        (listeners): LoadBalancer => ({
          name: loadBalancerName(svc.loadBalancerName),
          listeners,
          backendServers: o.backendServers,
          healthCheck: {
            target: o.target,
            interval: 30,
            timeout: 5,
            unhealthyThreshold: 2,
            healthyThreshold: 3,
          },
          instances: o.instances,
        }),
      ),
    );

export interface Scenario {
  readonly spec: Spec;
  /** The cluster as every host sees it; `observe` puts one host in front. */
  readonly tasks: readonly Task[];
  readonly loadBalancers: readonly LoadBalancer[];
  readonly hostStatuses: Readonly<Record<string, string>>;
}

export const observe = (scenario: Scenario, host: HostRef): Observation => ({
  host: { ...host, status: scenario.hostStatuses[host.containerInstanceArn] ?? 'ACTIVE' },
  tasks: [...scenario.tasks],
  loadBalancers: [...scenario.loadBalancers],
  hostStatuses: { ...scenario.hostStatuses },
});

export const scenarioArb = (taskSelection?: Configuration['taskSelection']): fc.Arbitrary<Scenario> =>
  fc.integer({ min: 1, max: 3 }).chain((count) => {
    const services = Array.from({ length: count }, (_, i) => i);
    return fc
      .record({
        specs: fc.tuple(...services.map(serviceArb)),
        settleTimeSeconds: fc.integer({ min: 0, max: 10 }),
        taskSelection:
          taskSelection === undefined
            ? fc.constantFrom('newest-ready', 'newest-ready', 'newest-ready', 'single')
            : fc.constant(taskSelection),
        draining: fc.subarray(
          HOSTS.map((h) => h.containerInstanceArn),
          { maxLength: 1 },
        ),
      })
      .chain((o) =>
        fc
          .record({
            tasks: fc.tuple(
              ...o.specs.map((svc, i) =>
                fc
                  .integer({ min: 0, max: 4 })
                  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => taskArb(svc, i, k)))),
              ),
            ),
            loadBalancers: fc.tuple(
              ...o.specs.map((svc) => fc.option(loadBalancerArb(svc), { freq: 8, nil: undefined })),
            ),
          })
          .map(
            ({ tasks, loadBalancers }): Scenario => ({
              spec: {
                configuration: configuration({
                  settleTimeSeconds: o.settleTimeSeconds,
                  taskSelection: o.taskSelection as Configuration['taskSelection'],
                }),
                services: o.specs,
              },
              tasks: tasks.flat(),
              loadBalancers: loadBalancers.filter((lb): lb is LoadBalancer => lb !== undefined),
              hostStatuses: Object.fromEntries(o.draining.map((arn) => [arn, 'DRAINING'])),
            }),
          ),
      );
  });

/** A fixed permutation from a seed, to replay an observation in another order. */
export const shuffle = <A>(items: readonly A[], seed: number): A[] => {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as A, out[i] as A];
  }
  return out;
};
