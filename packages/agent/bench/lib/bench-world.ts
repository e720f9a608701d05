import type { WorldSpec } from '@statika/sim';

export interface BenchWorldOptions {
  readonly services: number;
  readonly hosts: number;
  /** Tasks turn HEALTHY this long after they start (a container health check); none when undefined. */
  readonly healthyAfterMs?: number;
  /** PENDING to RUNNING. Default 2000. */
  readonly startDelayMs?: number;
  /** Each task's start takes up to this much longer, at random (the sim's startJitterMs). Default 0. */
  readonly startJitterMs?: number;
  /** SIGTERM to exit (ECS's stop timeout, or the app exiting earlier). Default 5000. */
  readonly stopTimeoutMs?: number;
  readonly sleepTimeSeconds?: number;
  readonly taskSelection?: 'newest-ready' | 'single';
  /** Tasks per service. Default 1. */
  readonly desiredCount?: number;
  /**
   * A task of a service Statika does not manage on every host but the first, so that dynamic host ports
   * differ between hosts as they do in a real cluster (each host allocates from 32768 up).
   */
  readonly shiftPorts?: boolean;
  /** Node-port mode: service i forwards node port 30080 + i on every host. */
  readonly nodePorts?: boolean;
}

export const benchHost = (h: number): string => `i-0be00000000000${h.toString(16).padStart(3, '0')}`;

/**
 * A cluster for the benchmarks: `hosts` hosts and `services` services of one task each (spread over the
 * hosts by the sim's placement), each behind its own Classic ELB with one HTTP listener, all pointed at a
 * stale port so that the first reconcile has work to do. The two Statika files are in S3.
 */
export const benchWorld = (options: BenchWorldOptions): WorldSpec => {
  const indices = Array.from({ length: options.services }, (_, i) => i);
  const hosts = Array.from({ length: options.hosts }, (_, h) => benchHost(h + 1));
  const configuration = {
    cluster: 'bench',
    sleepTimeSeconds: options.sleepTimeSeconds ?? 10,
    ...(options.taskSelection === undefined ? {} : { taskSelection: options.taskSelection }),
  };
  const services = indices.map((i) => ({
    serviceName: `svc-${i}`,
    family: `svc-${i}`,
    exposedContainerName: 'app',
    loadBalancerName: `svc-${i}-elb`,
    ...(options.nodePorts === true ? { nodePort: 30080 + i } : {}),
  }));
  return {
    region: 'us-east-1',
    cluster: configuration.cluster,
    hosts: hosts.map((instanceId) => ({ instanceId })),
    taskDefinitions: [
      ...(options.shiftPorts === true
        ? [
            {
              family: 'other',
              containers: [{ name: 'other', portMappings: [{ containerPort: 80, hostPort: 0 }] }],
            },
          ]
        : []),
      ...indices.map((i) => ({
        family: `svc-${i}`,
        containers: [
          {
            name: 'app',
            portMappings: [{ containerPort: 8080, hostPort: 0 }],
            ...(options.healthyAfterMs === undefined
              ? {}
              : { healthCheck: { healthyAfterMs: options.healthyAfterMs } }),
          },
        ],
        startDelayMs: options.startDelayMs ?? 2000,
        ...(options.startJitterMs === undefined ? {} : { startJitterMs: options.startJitterMs }),
        stopTimeoutMs: options.stopTimeoutMs ?? 5000,
      })),
    ],
    services: [
      ...(options.shiftPorts === true && hosts.length > 1
        ? [
            {
              serviceName: 'other',
              family: 'other',
              desiredCount: hosts.length - 1,
              placement: hosts.slice(1),
            },
          ]
        : []),
      ...indices.map((i) => ({
        serviceName: `svc-${i}`,
        family: `svc-${i}`,
        desiredCount: options.desiredCount ?? 1,
      })),
    ],
    loadBalancers: indices.map((i) => ({
      name: `svc-${i}-elb`,
      listeners: [
        {
          protocol: 'HTTP',
          loadBalancerPort: 80,
          instanceProtocol: 'HTTP',
          instancePort: 31000,
          policyNames: [],
        },
      ],
      healthCheck: {
        target: 'HTTP:31000/health',
        interval: 5,
        timeout: 2,
        unhealthyThreshold: 2,
        healthyThreshold: 2,
      },
      instances: [],
    })),
    objects: [
      { bucket: 'statika', key: 'configuration.json', body: `${JSON.stringify(configuration)}\n` },
      { bucket: 'statika', key: 'services.json', body: `${JSON.stringify(services, null, 2)}\n` },
    ],
  };
};
