import { Readable } from 'node:stream';
import type { Task as SdkTask } from '@aws-sdk/client-ecs';
import type { LoadBalancerDescription } from '@aws-sdk/client-elastic-load-balancing';
import {
  ConfigurationFile,
  containerInstanceArn,
  instanceId,
  type Listener,
  loadBalancerName,
  type ServiceSpec,
  ServicesFile,
  type Spec,
  withConfigurationDefaults,
} from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import type { Identity } from '../src/contract.js';

export const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-test' };
export const clientConfig = { region: 'eu-west-1', credentials, maxAttempts: 1 };

export const CLUSTER = 'prod';

export const services = (entries: readonly Record<string, unknown>[]): ServiceSpec[] => {
  const decoded = ServicesFile.decode(entries);
  if (E.isLeft(decoded)) throw new Error('bad services fixture');
  return decoded.right;
};

export const spec = (entries: readonly Record<string, unknown>[]): Spec => {
  const file = ConfigurationFile.decode({ cluster: CLUSTER, sleepTimeSeconds: 10 });
  if (E.isLeft(file)) throw new Error('bad configuration fixture');
  return { configuration: withConfigurationDefaults(file.right), services: services(entries) };
};

export const web = {
  serviceName: 'web',
  family: 'web',
  exposedContainerName: 'app',
  loadBalancerName: 'web-lb',
};
export const api = { serviceName: 'api', exposedContainerName: 'app', loadBalancerName: 'api-lb' };

export const hostArn = (n: number) =>
  `arn:aws:ecs:eu-west-1:123456789012:container-instance/${CLUSTER}/ci-${n}`;
export const ec2Id = (n: number) => `i-0000000000000000${n.toString(16).padStart(1, '0')}`;
export const taskArnOf = (n: number) => `arn:aws:ecs:eu-west-1:123456789012:task/${CLUSTER}/t${n}`;

export const identity: Identity = {
  instanceId: instanceId(ec2Id(1)),
  containerInstanceArn: containerInstanceArn(hostArn(1)),
  cluster: CLUSTER,
  source: 'override',
};

export const sdkTask = (n: number, fields: Partial<SdkTask> = {}): SdkTask => ({
  taskArn: taskArnOf(n),
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7',
  containerInstanceArn: hostArn(1),
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
  healthStatus: 'HEALTHY',
  startedAt: new Date(1_700_000_000_000 + n * 1000),
  containers: [
    {
      name: 'app',
      healthStatus: 'HEALTHY',
      networkBindings: [{ bindIP: '0.0.0.0', containerPort: 8080, hostPort: 32000 + n, protocol: 'tcp' }],
    },
  ],
  ...fields,
});

export const lbName = loadBalancerName;

export const httpListener = (instancePort: number, fields: Partial<Listener> = {}): Listener => ({
  protocol: 'HTTP',
  loadBalancerPort: 80,
  instancePort,
  policyNames: [],
  ...fields,
});

export const lbDescription = (
  name: string,
  fields: Partial<LoadBalancerDescription> = {},
): LoadBalancerDescription => ({
  LoadBalancerName: name,
  ListenerDescriptions: [
    {
      Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 32001 },
      PolicyNames: [],
    },
  ],
  BackendServerDescriptions: [],
  HealthCheck: {
    Target: 'HTTP:32001/health',
    Interval: 10,
    Timeout: 5,
    UnhealthyThreshold: 2,
    HealthyThreshold: 2,
  },
  Instances: [{ InstanceId: ec2Id(1) }],
  ...fields,
});

export interface FakeRequest {
  readonly hostname: string;
  readonly path: string;
  readonly headers: Record<string, string>;
}

/** An in-process request handler, as the simulator passes one: answers each request from a script. */
export const scripted = (answers: readonly { status: number; body: string }[], seen: FakeRequest[] = []) => {
  let i = 0;
  return {
    handle: async (request: FakeRequest) => {
      seen.push(request);
      const answer = answers[Math.min(i++, answers.length - 1)] ?? { status: 200, body: '{}' };
      return {
        response: { statusCode: answer.status, headers: {}, body: Readable.from([Buffer.from(answer.body)]) },
      };
    },
  };
};
