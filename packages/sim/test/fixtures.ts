import { VirtualClock } from '../src/clock.js';
import { createWorld, type World } from '../src/world.js';
import type { WorldSpec } from '../src/world-spec.js';

export const HOST_A = 'i-0aaaaaaaaaaaaaaa1';
export const HOST_B = 'i-0bbbbbbbbbbbbbbb2';

/** A small cluster: two hosts, `web` (dynamic port, health check) and `api` (no health check), one ELB each. */
export const twoHostSpec = (overrides: Partial<WorldSpec> = {}): WorldSpec => ({
  cluster: 'test',
  hosts: [{ instanceId: HOST_A }, { instanceId: HOST_B }],
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
      startDelayMs: 1000,
      stopTimeoutMs: 10_000,
    },
    {
      family: 'api',
      containers: [{ name: 'api', portMappings: [{ containerPort: 9000, hostPort: 0 }] }],
      startDelayMs: 1000,
      stopTimeoutMs: 5000,
    },
  ],
  services: [
    { serviceName: 'web', family: 'web', desiredCount: 1, placement: [HOST_A] },
    { serviceName: 'api', family: 'api', desiredCount: 1, placement: [HOST_A] },
  ],
  loadBalancers: [
    {
      name: 'web-elb',
      listeners: [{ protocol: 'HTTP', loadBalancerPort: 80, instancePort: 32000, policyNames: [] }],
      healthCheck: {
        target: 'HTTP:32000/health',
        interval: 5,
        timeout: 2,
        unhealthyThreshold: 2,
        healthyThreshold: 3,
      },
      instances: [HOST_A],
    },
    {
      name: 'api-elb',
      listeners: [{ protocol: 'TCP', loadBalancerPort: 9000, instancePort: 32001, policyNames: [] }],
      healthCheck: {
        target: 'TCP:32001',
        interval: 10,
        timeout: 5,
        unhealthyThreshold: 2,
        healthyThreshold: 2,
      },
    },
  ],
  objects: [
    { bucket: 'statika', key: 'configuration.json', body: '{"cluster":"test","sleepTimeSeconds":5}' },
  ],
  ...overrides,
});

export const virtualWorld = (spec: WorldSpec = twoHostSpec()): { world: World; clock: VirtualClock } => {
  const clock = new VirtualClock(1_700_000_000_000);
  return { world: createWorld(spec, { clock, seed: 7 }), clock };
};

export const serviceTasks = (world: World, serviceName: string) =>
  world.tasks().filter((t) => t.serviceName === serviceName);

export const running = (world: World, serviceName: string) =>
  serviceTasks(world, serviceName).filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING');

export const hostPortOf = (task: {
  containers: readonly { networkBindings: readonly { hostPort: number }[] }[];
}) => task.containers[0]?.networkBindings[0]?.hostPort;
