import {
  CertificateNotFoundException,
  CreateLoadBalancerListenersCommand,
  CreateLoadBalancerPolicyCommand,
  DeleteLoadBalancerListenersCommand,
  DescribeLoadBalancersCommand,
  DuplicateListenerException,
  InvalidConfigurationRequestException,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { startClients } from './sdk.js';

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

test('CreateLoadBalancerListeners with the settings already there keeps the listener and its policies', async (t) => {
  const { elb, world } = await startClients(t);
  await elb.send(
    new CreateLoadBalancerPolicyCommand({
      LoadBalancerName: 'web-elb',
      PolicyName: 'sticky',
      PolicyTypeName: 'LBCookieStickinessPolicyType',
    }),
  );
  await elb.send(
    new SetLoadBalancerPoliciesOfListenerCommand({
      LoadBalancerName: 'web-elb',
      LoadBalancerPort: 80,
      PolicyNames: ['sticky'],
    }),
  );
  const before = world.loadBalancer('web-elb')?.listeners;
  await elb.send(
    new CreateLoadBalancerListenersCommand({
      LoadBalancerName: 'web-elb',
      Listeners: [{ Protocol: 'http', LoadBalancerPort: 80, InstancePort: 32000, InstanceProtocol: 'http' }],
    }),
  );
  t.deepEqual(world.loadBalancer('web-elb')?.listeners, before);
  t.deepEqual(before?.[0]?.policyNames, ['sticky']);
});

test('CreateLoadBalancerListeners refuses a plain back end on an instance port another listener reaches securely', async (t) => {
  const { elb, world } = await startClients(t);
  const secure = {
    Protocol: 'HTTPS',
    LoadBalancerPort: 443,
    InstanceProtocol: 'HTTPS',
    InstancePort: 32768,
    SSLCertificateId: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
  };
  await elb.send(
    new CreateLoadBalancerListenersCommand({ LoadBalancerName: 'web-elb', Listeners: [secure] }),
  );
  await t.throwsAsync(
    elb.send(
      new CreateLoadBalancerListenersCommand({
        LoadBalancerName: 'web-elb',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 8080, InstancePort: 32768 }],
      }),
    ),
    { instanceOf: InvalidConfigurationRequestException },
  );
  t.deepEqual(
    world.loadBalancer('web-elb')?.listeners.map((l) => [l.loadBalancerPort, l.instanceProtocol]),
    [
      [80, 'HTTP'],
      [443, 'HTTPS'],
    ],
  );
});
