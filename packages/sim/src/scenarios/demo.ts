import type { WorldSpec } from '../world-spec.js';

export const DEMO_INSTANCE_ID = 'i-0d3e40000000000a1';
export const DEMO_CONFIGURATION_URL = 's3://statika/configuration.json';
export const DEMO_SERVICES_URL = 's3://statika/services.json';
/** Ports the demo's load balancers point at before Statika fixes them: outside Docker's dynamic range. */
export const DEMO_STALE_PORTS = { web: 32000, tcp: 32001 } as const;

const healthCheck = (target: string) => ({
  target,
  interval: 5,
  timeout: 2,
  unhealthyThreshold: 2,
  healthyThreshold: 2,
});

/**
 * The built-in `demo` world: one host running two services on dynamic ports, `web` (HTTP, with a
 * container health check) and `tcp`, whose load balancers still point at stale ports; the two Statika
 * files are in S3 at `s3://statika/configuration.json` and `s3://statika/services.json`.
 */
export const demoScenario = (): WorldSpec => ({
  region: 'us-east-1',
  cluster: 'demo',
  hosts: [{ instanceId: DEMO_INSTANCE_ID }],
  taskDefinitions: [
    {
      family: 'web',
      containers: [
        {
          name: 'web',
          portMappings: [{ containerPort: 8080, hostPort: 0 }],
          healthCheck: { healthyAfterMs: 3000 },
        },
      ],
      startDelayMs: 2000,
      stopTimeoutMs: 5000,
    },
    {
      family: 'tcp',
      containers: [{ name: 'tcp', portMappings: [{ containerPort: 9000, hostPort: 0 }] }],
      startDelayMs: 2000,
      stopTimeoutMs: 5000,
    },
  ],
  services: [
    { serviceName: 'web', family: 'web', desiredCount: 1 },
    { serviceName: 'tcp', family: 'tcp', desiredCount: 1 },
  ],
  loadBalancers: [
    {
      name: 'web-elb',
      listeners: [
        { protocol: 'HTTP', loadBalancerPort: 80, instancePort: DEMO_STALE_PORTS.web, policyNames: [] },
      ],
      healthCheck: healthCheck(`HTTP:${DEMO_STALE_PORTS.web}/health`),
      instances: [DEMO_INSTANCE_ID],
    },
    {
      name: 'tcp-elb',
      listeners: [
        { protocol: 'TCP', loadBalancerPort: 9000, instancePort: DEMO_STALE_PORTS.tcp, policyNames: [] },
      ],
      healthCheck: healthCheck(`TCP:${DEMO_STALE_PORTS.tcp}`),
      instances: [DEMO_INSTANCE_ID],
    },
  ],
  objects: [
    {
      bucket: 'statika',
      key: 'configuration.json',
      body: `${JSON.stringify({ cluster: 'demo', sleepTimeSeconds: 10, settleTimeSeconds: 2 }, null, 2)}\n`,
    },
    {
      bucket: 'statika',
      key: 'services.json',
      body: `${JSON.stringify(
        [
          { serviceName: 'web', family: 'web', exposedContainerName: 'web', loadBalancerName: 'web-elb' },
          { serviceName: 'tcp', family: 'tcp', exposedContainerName: 'tcp', loadBalancerName: 'tcp-elb' },
        ],
        null,
        2,
      )}\n`,
    },
  ],
});
