import type { ThrottlingSpec, WorldSpec } from '@statika/sim';
import { benchHost } from './bench-world.js';

/**
 * The account's API buckets as AWS documents them (and, where it does not, what we assume):
 * - ECS: "cluster read actions" have a bucket of 50 and a refill of 20 a second (the example of ECS's
 *   request throttling page); ListTasks, DescribeTasks and DescribeContainerInstances are taken to share
 *   it. ECS writes: assumed the same (Statika makes none).
 * - ELB (API version 1, Classic): non-mutating (Describe*) actions have a bucket of 40 and a refill of 10
 *   a second (ELB's request throttling page). Mutating actions: not given there; assumed the same.
 * - S3: 5,500 GET a second per prefix (S3's performance guidelines), as a bucket of one second.
 */
export const documentedThrottling: ThrottlingSpec = {
  ecsReads: { burst: 50, refillPerSecond: 20 },
  ecsWrites: { burst: 50, refillPerSecond: 20 },
  elbReads: { burst: 40, refillPerSecond: 10 },
  elbWrites: { burst: 40, refillPerSecond: 10 },
  s3GetObject: { burst: 5500, refillPerSecond: 5500 },
};

export const FLEET_SERVICES = 50;
/** The app: 2 s to start, healthy 3 s after, gone 5 s after SIGTERM (as in the rolling-deploy bench). */
const APP = { startDelayMs: 2000, healthyAfterMs: 3000, stopTimeoutMs: 5000 };
const FIRST_DYNAMIC_PORT = 32768;

/** The host that runs service `i`, and the dynamic port its first task gets there. */
export const serviceHome = (i: number, hosts: number) => ({
  host: benchHost((i % hosts) + 1),
  port: FIRST_DYNAMIC_PORT + Math.floor(i / hosts),
});

/**
 * A cluster of `hosts` hosts with 50 services of one task each, each pinned to one host (round robin),
 * so a deploy is local to its host as on the single hosts Statika promises no downtime for; each behind
 * its own Classic ELB already pointed at its task (the fleet starts converged). Every host also runs
 * Statika itself as a DAEMON task (no port), as docs/deployment.md deploys it: the cluster lists
 * `hosts + 50` tasks. Throttling as AWS documents it (`documentedThrottling`).
 */
export const fleetWorld = (hosts: number, sleepTimeSeconds = 10): WorldSpec => {
  const instanceIds = Array.from({ length: hosts }, (_, h) => benchHost(h + 1));
  const indices = Array.from({ length: FLEET_SERVICES }, (_, i) => i);
  const services = indices.map((i) => ({
    serviceName: `svc-${i}`,
    family: `svc-${i}`,
    exposedContainerName: 'app',
    loadBalancerName: `svc-${i}-elb`,
  }));
  return {
    region: 'us-east-1',
    cluster: 'fleet',
    hosts: instanceIds.map((instanceId) => ({ instanceId })),
    taskDefinitions: [
      ...indices.map((i) => ({
        family: `svc-${i}`,
        containers: [
          {
            name: 'app',
            portMappings: [{ containerPort: 8080, hostPort: 0 }],
            healthCheck: { healthyAfterMs: APP.healthyAfterMs },
          },
        ],
        startDelayMs: APP.startDelayMs,
        stopTimeoutMs: APP.stopTimeoutMs,
      })),
      { family: 'statika', containers: [{ name: 'statika', portMappings: [] }] },
    ],
    services: [
      ...indices.map((i) => ({
        serviceName: `svc-${i}`,
        family: `svc-${i}`,
        desiredCount: 1,
        placement: [serviceHome(i, hosts).host],
      })),
      { serviceName: 'statika', family: 'statika', desiredCount: hosts },
    ],
    loadBalancers: indices.map((i) => {
      const { host, port } = serviceHome(i, hosts);
      return {
        name: `svc-${i}-elb`,
        listeners: [
          {
            protocol: 'HTTP',
            loadBalancerPort: 80,
            instanceProtocol: 'HTTP',
            instancePort: port,
            policyNames: [],
          },
        ],
        healthCheck: {
          target: `HTTP:${port}/health`,
          interval: 5,
          timeout: 2,
          unhealthyThreshold: 2,
          healthyThreshold: 2,
        },
        instances: [host],
      };
    }),
    objects: [
      {
        bucket: 'statika',
        key: 'configuration.json',
        body: `${JSON.stringify({ cluster: 'fleet', sleepTimeSeconds })}\n`,
      },
      { bucket: 'statika', key: 'services.json', body: `${JSON.stringify(services, null, 2)}\n` },
    ],
    throttling: documentedThrottling,
  };
};
