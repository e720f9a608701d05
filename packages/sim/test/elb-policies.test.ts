import {
  CreateLoadBalancerPolicyCommand,
  DescribeLoadBalancersCommand,
  InvalidConfigurationRequestException,
  ListenerNotFoundException,
  SetLoadBalancerPoliciesForBackendServerCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { startClients } from './sdk.js';

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
