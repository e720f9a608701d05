/** The benchmark's cluster, also used by a test that keeps `plan` linear in the number of services. */
import {
  containerInstanceArn,
  instanceId,
  type LoadBalancer,
  loadBalancerName,
  type NonEmptyString,
  type Observation,
  type PositiveInt,
  type ServiceSpec,
  type Spec,
  type Task,
  taskArn,
  withConfigurationDefaults,
} from '../src/index.js';

export const NOW = 1_800_000_000_000;
const HOSTS = [0, 1, 2, 3].map((h) => ({
  instanceId: instanceId(`i-${h}`),
  containerInstanceArn: containerInstanceArn(`arn:aws:ecs:eu-west-1:1:container-instance/prod/${h}`),
}));

const task = (i: number, generation: number, hostPort: number, startedAt: number): Task => {
  const host = HOSTS[i % HOSTS.length] ?? HOSTS[0]!;
  return {
    taskArn: taskArn(`arn:aws:ecs:eu-west-1:1:task/prod/${i}-${generation}`),
    family: `svc-${i}`,
    containerInstanceArn: host.containerInstanceArn,
    instanceId: host.instanceId,
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    healthStatus: 'HEALTHY',
    startedAt,
    containers: [{ name: 'app', networkBindings: [{ containerPort: 8080, hostPort, protocol: 'tcp' }] }],
  };
};

/**
 * N services mid-deploy on their hosts: an old task still targeted and a new ready one beside it. Seen
 * from host 0, a quarter of the services move their listener and health check; the rest serve elsewhere.
 */
export const cluster = (n: number): { spec: Spec; observation: Observation } => {
  const services: ServiceSpec[] = [];
  const tasks: Task[] = [];
  const loadBalancers: LoadBalancer[] = [];
  for (let i = 0; i < n; i++) {
    services.push({
      serviceName: `svc-${i}`,
      family: `svc-${i}`,
      exposedContainerName: 'app',
      loadBalancerName: `lb-${i}`,
    } as ServiceSpec);
    tasks.push(task(i, 0, 32768, NOW - 3_600_000), task(i, 1, 32769, NOW - 60_000));
    loadBalancers.push({
      name: loadBalancerName(`lb-${i}`),
      listeners: [
        {
          protocol: 'HTTP',
          loadBalancerPort: 80,
          instanceProtocol: 'HTTP',
          instancePort: 32768,
          policyNames: [],
        },
      ],
      backendServers: [],
      healthCheck: {
        target: 'HTTP:32768/health',
        interval: 30,
        timeout: 5,
        unhealthyThreshold: 2,
        healthyThreshold: 3,
      },
      instances: [HOSTS[i % HOSTS.length]!.instanceId],
    });
  }
  const configuration = withConfigurationDefaults({
    cluster: 'prod' as NonEmptyString,
    sleepTimeSeconds: 10 as PositiveInt,
  });
  return {
    spec: { configuration, services },
    observation: { host: { ...HOSTS[0]!, status: 'ACTIVE' }, tasks, loadBalancers },
  };
};
