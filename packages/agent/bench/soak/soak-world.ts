import type { WorldSpec } from '@statika/sim';

/**
 * The soak's cluster: 3 hosts and 20 services, each behind its own Classic ELB, varied the way a real
 * cluster is: with and without container health checks, one or two tasks, HTTP, HTTPS (with an SSL
 * negotiation policy to restore) and TCP (with a proxy-protocol backend policy to move) listeners, and
 * one service named by its ECS service group instead of its family. Every load balancer starts pointed
 * at a stale port, some with a stale instance registered, so the first quiet period is a first convergence.
 */
export interface SoakWorld {
  readonly world: WorldSpec;
  /** The services file, as JSON. */
  readonly services: readonly Record<string, unknown>[];
  readonly configuration: {
    readonly cluster: string;
    readonly sleepTimeSeconds: number;
    readonly settleTimeSeconds: number;
  };
  readonly hosts: readonly string[];
}

export const SOAK_CERTIFICATE = 'arn:aws:iam::123456789012:server-certificate/soak';

const hostId = (h: number): string => `i-0500000000000000${h.toString(16)}`;
const stalePort = (i: number): number => 31000 + i;

const loadBalancer = (i: number, hosts: readonly string[]) => {
  const port = stalePort(i);
  const healthCheck = { interval: 5, timeout: 2, unhealthyThreshold: 2, healthyThreshold: 2 };
  const instances = i % 3 === 0 ? [hosts[i % hosts.length]!] : [];
  if (i % 6 === 1) {
    return {
      name: `soak-${i}-elb`,
      listeners: [{ protocol: 'TCP', loadBalancerPort: 9000, instancePort: port, policyNames: [] }],
      backendServers: [{ instancePort: port, policyNames: ['soak-proxy-protocol'] }],
      healthCheck: { ...healthCheck, target: `TCP:${port}` },
      instances,
    };
  }
  const http = {
    protocol: 'HTTP',
    loadBalancerPort: 80,
    instanceProtocol: 'HTTP',
    instancePort: port,
    policyNames: [],
  };
  const https = {
    protocol: 'HTTPS',
    loadBalancerPort: 443,
    instanceProtocol: 'HTTP',
    instancePort: port,
    sslCertificateId: SOAK_CERTIFICATE,
    policyNames: ['soak-ssl-negotiation'],
  };
  return {
    name: `soak-${i}-elb`,
    listeners: i % 4 === 0 ? [http, https] : [http],
    healthCheck: { ...healthCheck, target: `HTTP:${port}/health` },
    instances,
  };
};

export const soakWorld = (serviceCount = 20, hostCount = 3): SoakWorld => {
  const hosts = Array.from({ length: hostCount }, (_, h) => hostId(h + 1));
  const indices = Array.from({ length: serviceCount }, (_, i) => i);
  const configuration = { cluster: 'soak', sleepTimeSeconds: 10, settleTimeSeconds: 5 };
  const services = indices.map((i) => ({
    serviceName: `soak-${i}`,
    // Statika-Docker's format: no family, the tasks are those of the group `service:soak-3`.
    ...(i % 7 === 3 ? {} : { family: `soak-${i}` }),
    exposedContainerName: 'app',
    loadBalancerName: `soak-${i}-elb`,
  }));
  const world: WorldSpec = {
    region: 'us-east-1',
    cluster: configuration.cluster,
    hosts: hosts.map((instanceId) => ({ instanceId })),
    taskDefinitions: indices.map((i) => ({
      family: `soak-${i}`,
      containers: [
        {
          name: 'app',
          portMappings: [{ containerPort: i % 6 === 1 ? 9000 : 8080, hostPort: 0 }],
          ...(i % 2 === 0 ? { healthCheck: { healthyAfterMs: 2000 + (i % 3) * 1000 } } : {}),
        },
      ],
      startDelayMs: 1000 + (i % 3) * 500,
      stopTimeoutMs: 2000 + (i % 4) * 1000,
    })),
    services: indices.map((i) => ({
      serviceName: `soak-${i}`,
      family: `soak-${i}`,
      desiredCount: i % 5 === 0 ? 2 : 1,
    })),
    loadBalancers: indices.map((i) => loadBalancer(i, hosts)),
    objects: [
      { bucket: 'statika', key: 'configuration.json', body: `${JSON.stringify(configuration)}\n` },
      { bucket: 'statika', key: 'services.json', body: `${JSON.stringify(services, null, 2)}\n` },
    ],
  };
  return { world, services, configuration, hosts };
};
