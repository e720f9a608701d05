import { Readable } from 'node:stream';
import { readsPerResync } from '@statika/core';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { createAwsClients } from '../src/aws-clients.js';
import type { AwsCall } from '../src/call-recorder.js';
import { createObserver } from '../src/observer.js';
import { api, credentials, ec2Id, hostArn, identity, spec, taskArnOf, web } from './fixtures.js';

/**
 * The observer through the real SDK clients and their wire formats (ECS JSON 1.1, ELB query/XML), with
 * an in-process request handler standing in for AWS: checks what the mocks cannot (epoch seconds, XML
 * lists, the LoadBalancerNotFound code as it comes off the wire).
 */
interface WireRequest {
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

const reply = (status: number, body: string) => ({
  response: { statusCode: status, headers: {}, body: Readable.from([Buffer.from(body)]) },
});

const ecsAnswer = (target: string): unknown => {
  switch (target) {
    case 'ListTasks':
      return { taskArns: [taskArnOf(1)] };
    case 'DescribeTasks':
      return {
        tasks: [
          {
            taskArn: taskArnOf(1),
            taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/web:3',
            containerInstanceArn: hostArn(2),
            lastStatus: 'RUNNING',
            desiredStatus: 'RUNNING',
            healthStatus: 'UNKNOWN',
            createdAt: 1_699_999_998.25,
            startedAt: 1_700_000_000.5,
            containers: [
              { name: 'app', networkBindings: [{ containerPort: 80, hostPort: 32768, protocol: 'tcp' }] },
            ],
          },
        ],
        failures: [],
      };
    case 'DescribeContainerInstances':
      return {
        containerInstances: [
          { containerInstanceArn: hostArn(1), ec2InstanceId: ec2Id(1), status: 'ACTIVE' },
          { containerInstanceArn: hostArn(2), ec2InstanceId: ec2Id(2), status: 'DRAINING' },
        ],
        failures: [],
      };
    default:
      return {};
  }
};

const notFound = `<ErrorResponse><Error><Type>Sender</Type><Code>LoadBalancerNotFound</Code><Message>There is no ACTIVE Load Balancer named 'api-lb'</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
const described = `<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"><DescribeLoadBalancersResult><LoadBalancerDescriptions><member>
<LoadBalancerName>web-lb</LoadBalancerName>
<ListenerDescriptions><member><Listener><Protocol>HTTPS</Protocol><LoadBalancerPort>443</LoadBalancerPort><InstanceProtocol>HTTP</InstanceProtocol><InstancePort>32768</InstancePort><SSLCertificateId>arn:cert</SSLCertificateId></Listener><PolicyNames><member>ssl-policy</member></PolicyNames></member></ListenerDescriptions>
<BackendServerDescriptions><member><InstancePort>32768</InstancePort><PolicyNames><member>proxy</member></PolicyNames></member></BackendServerDescriptions>
<HealthCheck><Target>HTTP:32768/</Target><Interval>10</Interval><Timeout>5</Timeout><UnhealthyThreshold>2</UnhealthyThreshold><HealthyThreshold>3</HealthyThreshold></HealthCheck>
<Instances><member><InstanceId>${ec2Id(1)}</InstanceId></member></Instances>
</member></LoadBalancerDescriptions><NextMarker/></DescribeLoadBalancersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>`;

const handler = {
  handle: async (request: WireRequest) => {
    const target = request.headers['x-amz-target'];
    if (target !== undefined) return reply(200, JSON.stringify(ecsAnswer(target.split('.')[1] ?? '')));
    const body = String(request.body);
    return body.includes('api-lb') ? reply(400, notFound) : reply(200, described);
  },
};

test('observes through the real SDK wire formats', async (t) => {
  const calls: AwsCall[] = [];
  const clients = createAwsClients({
    region: 'eu-west-1',
    credentials,
    maxAttempts: 1,
    requestHandler: handler,
    recorder: { record: (call) => calls.push(call) },
  });
  const result = await createObserver(clients).observe(spec([web, api]), identity);
  if (E.isLeft(result)) return t.fail(`${result.left.code}: ${result.left.message}`);
  t.like(result.right.tasks[0], {
    family: 'web',
    createdAt: 1_699_999_998_250,
    startedAt: 1_700_000_000_500,
    instanceId: ec2Id(2),
  });
  t.deepEqual(result.right.loadBalancers, [
    {
      name: 'web-lb',
      listeners: [
        {
          protocol: 'HTTPS',
          loadBalancerPort: 443,
          instanceProtocol: 'HTTP',
          instancePort: 32768,
          sslCertificateId: 'arn:cert',
          policyNames: ['ssl-policy'],
        },
      ],
      backendServers: [{ instancePort: 32768, policyNames: ['proxy'] }],
      healthCheck: {
        target: 'HTTP:32768/',
        interval: 10,
        timeout: 5,
        unhealthyThreshold: 2,
        healthyThreshold: 3,
      },
      instances: [ec2Id(1)],
    },
  ]);
  t.deepEqual(result.right.hostStatuses, { [hostArn(1)]: 'ACTIVE', [hostArn(2)]: 'DRAINING' });
  t.deepEqual(calls.map((c) => `${c.service}:${c.operation}:${c.result}`).sort(), [
    'ecs:DescribeContainerInstances:ok',
    'ecs:DescribeTasks:ok',
    'ecs:ListTasks:ok',
    'elb:DescribeLoadBalancers:LoadBalancerNotFound',
    'elb:DescribeLoadBalancers:ok',
  ]);
  t.deepEqual(result.right.clusterSize, { tasks: 1, containerInstances: 1 });
  // The core's count of a resync's reads (what the fleet budget divides) is the observer's own.
  const count = (service: string) => calls.filter((c) => c.service === service).length;
  t.deepEqual(readsPerResync(spec([web, api]), result.right), { ecs: count('ecs'), elb: count('elb') });
});
