import {
  AccessPointNotFoundException,
  CertificateNotFoundException,
  ConfigureHealthCheckCommand,
  CreateLoadBalancerListenersCommand,
  CreateLoadBalancerPolicyCommand,
  DeleteLoadBalancerListenersCommand,
  DeregisterInstancesFromLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  DescribeLoadBalancersCommand,
  DuplicateListenerException,
  InvalidConfigurationRequestException,
  InvalidEndPointException,
  ListenerNotFoundException,
  paginateDescribeLoadBalancers,
  RegisterInstancesWithLoadBalancerCommand,
  SetLoadBalancerPoliciesForBackendServerCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { HOST_A, HOST_B, twoHostSpec } from './fixtures.js';
import { httpStatus, startClients } from './sdk.js';

const healthCheck = {
  Target: 'HTTP:32768/health',
  Interval: 5,
  Timeout: 2,
  UnhealthyThreshold: 2,
  HealthyThreshold: 2,
};

test('DescribeLoadBalancers answers listeners, health check, instances and backend servers', async (t) => {
  const { elb } = await startClients(t);
  const answer = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['web-elb'] }));
  const [lb] = answer.LoadBalancerDescriptions ?? [];
  t.is(lb?.LoadBalancerName, 'web-elb');
  t.deepEqual(lb?.ListenerDescriptions, [
    {
      Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 32000 },
      PolicyNames: [],
    },
  ]);
  t.deepEqual(lb?.HealthCheck, {
    Target: 'HTTP:32000/health',
    Interval: 5,
    Timeout: 2,
    UnhealthyThreshold: 2,
    HealthyThreshold: 3,
  });
  t.deepEqual(lb?.Instances, [{ InstanceId: HOST_A }]);
  t.deepEqual(lb?.BackendServerDescriptions, []);
  t.truthy(answer.$metadata.requestId);
  t.is(answer.NextMarker, undefined);
});

test('DescribeLoadBalancers fails the whole call for a missing name with LoadBalancerNotFound', async (t) => {
  const { elb } = await startClients(t);
  const error = await t.throwsAsync(
    elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['web-elb', 'nope'] })),
    { instanceOf: AccessPointNotFoundException },
  );
  t.is(error?.message, "There is no ACTIVE Load Balancer named 'nope'");
  t.is(error?.$metadata.httpStatusCode, 400);
});

test('DescribeLoadBalancers pages with PageSize and Marker, and refuses a PageSize above 400', async (t) => {
  const spec = twoHostSpec();
  const many = Array.from({ length: 5 }, (_, i) => ({ ...spec.loadBalancers[1]!, name: `lb-${i}` }));
  const { elb } = await startClients(t, { ...spec, loadBalancers: many });
  const names: string[] = [];
  let pages = 0;
  for await (const page of paginateDescribeLoadBalancers({ client: elb }, { PageSize: 2 })) {
    pages += 1;
    names.push(...(page.LoadBalancerDescriptions ?? []).map((lb) => lb.LoadBalancerName ?? ''));
  }
  t.is(pages, 3);
  t.deepEqual(names, ['lb-0', 'lb-1', 'lb-2', 'lb-3', 'lb-4']);
  const error = await t.throwsAsync(elb.send(new DescribeLoadBalancersCommand({ PageSize: 401 })));
  t.is(error?.name, 'ValidationError');
});

test('CreateLoadBalancerListeners accepts an identical listener and refuses a different one on a taken port', async (t) => {
  const { elb, world } = await startClients(t);
  const same = { Protocol: 'http', LoadBalancerPort: 80, InstancePort: 32000 };
  await elb.send(new CreateLoadBalancerListenersCommand({ LoadBalancerName: 'web-elb', Listeners: [same] }));
  await t.throwsAsync(
    elb.send(
      new CreateLoadBalancerListenersCommand({
        LoadBalancerName: 'web-elb',
        Listeners: [{ ...same, InstancePort: 32768 }],
      }),
    ),
    { instanceOf: DuplicateListenerException },
  );
  await elb.send(
    new CreateLoadBalancerListenersCommand({
      LoadBalancerName: 'web-elb',
      Listeners: [{ Protocol: 'TCP', LoadBalancerPort: 8443, InstancePort: 32768 }],
    }),
  );
  t.deepEqual(
    world.loadBalancer('web-elb')?.listeners.map((l) => [l.protocol, l.loadBalancerPort, l.instancePort]),
    [
      ['HTTP', 80, 32000],
      ['TCP', 8443, 32768],
    ],
  );
});

test('CreateLoadBalancerListeners checks certificates and protocols', async (t) => {
  const { elb } = await startClients(t);
  await t.throwsAsync(
    elb.send(
      new CreateLoadBalancerListenersCommand({
        LoadBalancerName: 'web-elb',
        Listeners: [
          { Protocol: 'HTTPS', LoadBalancerPort: 443, InstancePort: 32768, SSLCertificateId: 'my-cert' },
        ],
      }),
    ),
    { instanceOf: CertificateNotFoundException },
  );
  await elb.send(
    new CreateLoadBalancerListenersCommand({
      LoadBalancerName: 'web-elb',
      Listeners: [
        {
          Protocol: 'HTTPS',
          LoadBalancerPort: 443,
          InstancePort: 32768,
          SSLCertificateId: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
        },
      ],
    }),
  );
  await t.throwsAsync(
    elb.send(
      new CreateLoadBalancerListenersCommand({
        LoadBalancerName: 'web-elb',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 81, InstancePort: 32768, InstanceProtocol: 'TCP' }],
      }),
    ),
    { instanceOf: InvalidConfigurationRequestException },
  );
  const bad = await t.throwsAsync(
    elb.send(
      new CreateLoadBalancerListenersCommand({
        LoadBalancerName: 'web-elb',
        Listeners: [{ Protocol: 'UDP', LoadBalancerPort: 82, InstancePort: 32768 }],
      }),
    ),
  );
  t.is(bad?.name, 'ValidationError');
});

test('DeleteLoadBalancerListeners drops the listeners and their policies; a new listener has none', async (t) => {
  const { elb, world } = await startClients(t);
  await elb.send(
    new CreateLoadBalancerPolicyCommand({
      LoadBalancerName: 'web-elb',
      PolicyName: 'sticky',
      PolicyTypeName: 'LBCookieStickinessPolicyType',
      PolicyAttributes: [{ AttributeName: 'CookieExpirationPeriod', AttributeValue: '60' }],
    }),
  );
  await elb.send(
    new SetLoadBalancerPoliciesOfListenerCommand({
      LoadBalancerName: 'web-elb',
      LoadBalancerPort: 80,
      PolicyNames: ['sticky'],
    }),
  );
  t.deepEqual(world.loadBalancer('web-elb')?.listeners[0]?.policyNames, ['sticky']);
  const described = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['web-elb'] }));
  t.deepEqual(described.LoadBalancerDescriptions?.[0]?.Policies, {
    AppCookieStickinessPolicies: [],
    LBCookieStickinessPolicies: [{ PolicyName: 'sticky', CookieExpirationPeriod: 60 }],
    OtherPolicies: [],
  });
  await elb.send(
    new DeleteLoadBalancerListenersCommand({ LoadBalancerName: 'web-elb', LoadBalancerPorts: [80, 8080] }),
  );
  t.deepEqual(world.loadBalancer('web-elb')?.listeners, []);
  await elb.send(
    new CreateLoadBalancerListenersCommand({
      LoadBalancerName: 'web-elb',
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 32768 }],
    }),
  );
  t.deepEqual(world.loadBalancer('web-elb')?.listeners[0]?.policyNames, []);
  await elb.send(
    new SetLoadBalancerPoliciesOfListenerCommand({
      LoadBalancerName: 'web-elb',
      LoadBalancerPort: 80,
      PolicyNames: ['sticky'],
    }),
  );
  t.deepEqual(world.loadBalancer('web-elb')?.listeners[0]?.policyNames, ['sticky']);
});

test('SetLoadBalancerPoliciesOfListener fails with ListenerNotFound, and with InvalidConfigurationRequest for a misfit policy', async (t) => {
  const { elb } = await startClients(t);
  await t.throwsAsync(
    elb.send(
      new SetLoadBalancerPoliciesOfListenerCommand({
        LoadBalancerName: 'web-elb',
        LoadBalancerPort: 443,
        PolicyNames: [],
      }),
    ),
    { instanceOf: ListenerNotFoundException },
  );
  await elb.send(
    new CreateLoadBalancerPolicyCommand({
      LoadBalancerName: 'web-elb',
      PolicyName: 'proxy',
      PolicyTypeName: 'ProxyProtocolPolicyType',
      PolicyAttributes: [{ AttributeName: 'ProxyProtocol', AttributeValue: 'true' }],
    }),
  );
  const error = await t.throwsAsync(
    elb.send(
      new SetLoadBalancerPoliciesOfListenerCommand({
        LoadBalancerName: 'web-elb',
        LoadBalancerPort: 80,
        PolicyNames: ['proxy'],
      }),
    ),
    { instanceOf: InvalidConfigurationRequestException },
  );
  t.is(error?.$metadata.httpStatusCode, 409);
});

test('SetLoadBalancerPoliciesForBackendServer sets policies by instance port; an empty list removes them', async (t) => {
  const { elb, world } = await startClients(t);
  await elb.send(
    new CreateLoadBalancerPolicyCommand({
      LoadBalancerName: 'web-elb',
      PolicyName: 'proxy',
      PolicyTypeName: 'ProxyProtocolPolicyType',
      PolicyAttributes: [{ AttributeName: 'ProxyProtocol', AttributeValue: 'true' }],
    }),
  );
  await elb.send(
    new SetLoadBalancerPoliciesForBackendServerCommand({
      LoadBalancerName: 'web-elb',
      InstancePort: 32768,
      PolicyNames: ['proxy'],
    }),
  );
  const described = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['web-elb'] }));
  t.deepEqual(described.LoadBalancerDescriptions?.[0]?.BackendServerDescriptions, [
    { InstancePort: 32768, PolicyNames: ['proxy'] },
  ]);
  t.deepEqual(described.LoadBalancerDescriptions?.[0]?.Policies?.OtherPolicies, ['proxy']);
  await elb.send(
    new SetLoadBalancerPoliciesForBackendServerCommand({
      LoadBalancerName: 'web-elb',
      InstancePort: 32768,
      PolicyNames: [],
    }),
  );
  t.deepEqual(world.loadBalancer('web-elb')?.backendServers, []);
});

test('ConfigureHealthCheck stores a valid check and refuses bad ones with ValidationError', async (t) => {
  const { elb, world } = await startClients(t);
  const answer = await elb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: 'web-elb',
      HealthCheck: { ...healthCheck, Target: 'http:32768/ping' },
    }),
  );
  t.is(answer.HealthCheck?.Target, 'HTTP:32768/ping');
  t.is(world.loadBalancer('web-elb')?.healthCheck.target, 'HTTP:32768/ping');
  const bad = [
    { ...healthCheck, Target: 'HTTP:32768' },
    { ...healthCheck, Target: 'TCP:0' },
    { ...healthCheck, Target: 'FTP:21' },
    { ...healthCheck, Interval: 4 },
    { ...healthCheck, Interval: 301 },
    { ...healthCheck, Timeout: 1 },
    { ...healthCheck, Timeout: 5, Interval: 5 },
    { ...healthCheck, HealthyThreshold: 11 },
    { ...healthCheck, UnhealthyThreshold: 1 },
  ];
  for (const hc of bad) {
    const error = await t.throwsAsync(
      elb.send(new ConfigureHealthCheckCommand({ LoadBalancerName: 'web-elb', HealthCheck: hc })),
    );
    t.is(error?.name, 'ValidationError', JSON.stringify(hc));
  }
  t.is(world.loadBalancer('web-elb')?.healthCheck.target, 'HTTP:32768/ping');
  await t.throwsAsync(
    elb.send(new ConfigureHealthCheckCommand({ LoadBalancerName: 'nope', HealthCheck: healthCheck })),
    {
      instanceOf: AccessPointNotFoundException,
    },
  );
});

test('Register and Deregister change the instances; an unknown instance is InvalidInstance', async (t) => {
  const { elb } = await startClients(t);
  const registered = await elb.send(
    new RegisterInstancesWithLoadBalancerCommand({
      LoadBalancerName: 'web-elb',
      Instances: [{ InstanceId: HOST_B }],
    }),
  );
  t.deepEqual(registered.Instances, [{ InstanceId: HOST_A }, { InstanceId: HOST_B }]);
  const health = await elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'web-elb' }));
  t.deepEqual(
    health.InstanceStates?.map((s) => [s.InstanceId, s.State, s.ReasonCode]),
    [
      [HOST_A, 'OutOfService', 'ELB'],
      [HOST_B, 'OutOfService', 'ELB'],
    ],
  );
  const deregistered = await elb.send(
    new DeregisterInstancesFromLoadBalancerCommand({
      LoadBalancerName: 'web-elb',
      Instances: [{ InstanceId: HOST_A }],
    }),
  );
  t.deepEqual(deregistered.Instances, [{ InstanceId: HOST_B }]);
  await t.throwsAsync(
    elb.send(
      new RegisterInstancesWithLoadBalancerCommand({
        LoadBalancerName: 'web-elb',
        Instances: [{ InstanceId: 'i-nope' }],
      }),
    ),
    { instanceOf: InvalidEndPointException },
  );
  await t.throwsAsync(
    elb.send(
      new DescribeInstanceHealthCommand({
        LoadBalancerName: 'web-elb',
        Instances: [{ InstanceId: 'i-nope' }],
      }),
    ),
    { instanceOf: InvalidEndPointException },
  );
});

test('Throttling is retried by the SDK when it may retry', async (t) => {
  const { elb, world } = await startClients(t, twoHostSpec(), 2);
  world.setFault('DescribeLoadBalancers', { failNext: 1, code: 'Throttling' });
  const answer = await elb.send(new DescribeLoadBalancersCommand({}));
  t.is(answer.LoadBalancerDescriptions?.length, 2);
  t.is(answer.$metadata.attempts, 2);
  t.is(world.calls().byOperation['elb:DescribeLoadBalancers'], 2);
});

test('Throttling surfaces as an error named Throttling when the SDK may not retry', async (t) => {
  const { elb, world } = await startClients(t);
  world.setFault('*', { throttleRate: 1 });
  const error = await t.throwsAsync(elb.send(new DescribeLoadBalancersCommand({})));
  t.is(error?.name, 'Throttling');
  t.is(httpStatus(error), 400);
  world.clearFaults();
  await t.notThrowsAsync(elb.send(new DescribeLoadBalancersCommand({})));
});

test('failCreateAfterDelete fails the create that follows a delete on that load balancer, once', async (t) => {
  const { elb, world } = await startClients(t);
  world.failCreateAfterDelete('web-elb');
  const listener = { Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 32768 };
  await elb.send(
    new DeleteLoadBalancerListenersCommand({ LoadBalancerName: 'web-elb', LoadBalancerPorts: [80] }),
  );
  const error = await t.throwsAsync(
    elb.send(new CreateLoadBalancerListenersCommand({ LoadBalancerName: 'web-elb', Listeners: [listener] })),
  );
  t.is(httpStatus(error), 500);
  t.deepEqual(world.loadBalancer('web-elb')?.listeners, []);
  await elb.send(
    new CreateLoadBalancerListenersCommand({ LoadBalancerName: 'web-elb', Listeners: [listener] }),
  );
  t.is(world.loadBalancer('web-elb')?.listeners[0]?.instancePort, 32768);
});
