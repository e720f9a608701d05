import {
  AccessPointNotFoundException,
  AddTagsCommand,
  CreateLoadBalancerListenersCommand,
  DeleteLoadBalancerListenersCommand,
  DescribeLoadBalancerPoliciesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DuplicateTagKeysException,
  RemoveTagsCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
  TooManyTagsException,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { twoHostSpec } from './fixtures.js';
import { startClients } from './sdk.js';

const tagsOf = async (elb: Awaited<ReturnType<typeof startClients>>['elb'], name: string) =>
  (await elb.send(new DescribeTagsCommand({ LoadBalancerNames: [name] }))).TagDescriptions?.[0]?.Tags;

test('AddTags adds tags, updates the value of a key already there, and DescribeTags answers them', async (t) => {
  const { elb } = await startClients(t);
  t.deepEqual(await tagsOf(elb, 'web-elb'), []);
  await elb.send(
    new AddTagsCommand({
      LoadBalancerNames: ['web-elb'],
      Tags: [
        { Key: 'team', Value: 'web' },
        { Key: 'statika:pending-policies:i-1', Value: '443=ELBSecurityPolicy-2016-08' },
      ],
    }),
  );
  await elb.send(
    new AddTagsCommand({ LoadBalancerNames: ['web-elb'], Tags: [{ Key: 'team', Value: 'edge' }] }),
  );
  t.deepEqual(await tagsOf(elb, 'web-elb'), [
    { Key: 'team', Value: 'edge' },
    { Key: 'statika:pending-policies:i-1', Value: '443=ELBSecurityPolicy-2016-08' },
  ]);
  const both = await elb.send(new DescribeTagsCommand({ LoadBalancerNames: ['web-elb', 'api-elb'] }));
  t.deepEqual(
    both.TagDescriptions?.map((d) => [d.LoadBalancerName, d.Tags?.length]),
    [
      ['web-elb', 2],
      ['api-elb', 0],
    ],
  );
});

test('AddTags refuses an eleventh tag with TooManyTags and changes nothing; updating a key still works', async (t) => {
  const spec = twoHostSpec();
  const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, `v${i}`]));
  const { elb } = await startClients(t, {
    ...spec,
    loadBalancers: spec.loadBalancers.map((lb) => (lb.name === 'web-elb' ? { ...lb, tags: ten } : lb)),
  });
  const error = await t.throwsAsync(
    elb.send(new AddTagsCommand({ LoadBalancerNames: ['web-elb'], Tags: [{ Key: 'k10', Value: 'x' }] })),
    { instanceOf: TooManyTagsException },
  );
  t.is(error?.$metadata.httpStatusCode, 400);
  t.is((await tagsOf(elb, 'web-elb'))?.length, 10);
  await elb.send(new AddTagsCommand({ LoadBalancerNames: ['web-elb'], Tags: [{ Key: 'k3', Value: 'new' }] }));
  t.deepEqual(
    (await tagsOf(elb, 'web-elb'))?.find((tag) => tag.Key === 'k3'),
    { Key: 'k3', Value: 'new' },
  );
});

test('AddTags refuses a key given twice (DuplicateTagKeys), two load balancers, and values AWS does not allow', async (t) => {
  const { elb } = await startClients(t);
  await t.throwsAsync(
    elb.send(
      new AddTagsCommand({
        LoadBalancerNames: ['web-elb'],
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'a', Value: '2' },
        ],
      }),
    ),
    { instanceOf: DuplicateTagKeysException },
  );
  const refused = [
    { LoadBalancerNames: ['web-elb', 'api-elb'], Tags: [{ Key: 'a', Value: '1' }] },
    { LoadBalancerNames: ['web-elb'], Tags: [{ Key: 'a', Value: 'x'.repeat(256) }] },
    { LoadBalancerNames: ['web-elb'], Tags: [{ Key: 'k'.repeat(128), Value: '' }] },
    { LoadBalancerNames: ['web-elb'], Tags: [{ Key: 'a', Value: 'semi;colon' }] },
    { LoadBalancerNames: ['web-elb'], Tags: [{ Key: 'aws:reserved', Value: '' }] },
  ];
  for (const input of refused) {
    const error = await t.throwsAsync(elb.send(new AddTagsCommand(input)));
    t.is(error?.name, 'ValidationError', JSON.stringify(input).slice(0, 80));
  }
  await elb.send(
    new AddTagsCommand({
      LoadBalancerNames: ['web-elb'],
      Tags: [{ Key: 'k'.repeat(127), Value: 'x'.repeat(255) }],
    }),
  );
  t.deepEqual(await tagsOf(elb, 'web-elb'), [{ Key: 'k'.repeat(127), Value: 'x'.repeat(255) }]);
});

test('RemoveTags removes the named keys only; a key that is not there is not an error', async (t) => {
  const { elb } = await startClients(t);
  await elb.send(
    new AddTagsCommand({
      LoadBalancerNames: ['web-elb'],
      Tags: [
        { Key: 'statika:pending-policies:i-1', Value: '443=A' },
        { Key: 'statika:pending-policies:i-2', Value: '443=B' },
      ],
    }),
  );
  await elb.send(
    new RemoveTagsCommand({
      LoadBalancerNames: ['web-elb'],
      Tags: [{ Key: 'statika:pending-policies:i-1' }, { Key: 'never-there' }],
    }),
  );
  t.deepEqual(await tagsOf(elb, 'web-elb'), [{ Key: 'statika:pending-policies:i-2', Value: '443=B' }]);
});

test('tag operations on a missing load balancer fail with LoadBalancerNotFound; DescribeTags takes at most 20 names', async (t) => {
  const { elb } = await startClients(t);
  await t.throwsAsync(elb.send(new DescribeTagsCommand({ LoadBalancerNames: ['web-elb', 'nope'] })), {
    instanceOf: AccessPointNotFoundException,
  });
  await t.throwsAsync(
    elb.send(new AddTagsCommand({ LoadBalancerNames: ['nope'], Tags: [{ Key: 'a', Value: '' }] })),
    { instanceOf: AccessPointNotFoundException },
  );
  await t.throwsAsync(
    elb.send(new RemoveTagsCommand({ LoadBalancerNames: ['nope'], Tags: [{ Key: 'a' }] })),
    {
      instanceOf: AccessPointNotFoundException,
    },
  );
  const error = await t.throwsAsync(
    elb.send(new DescribeTagsCommand({ LoadBalancerNames: Array.from({ length: 21 }, () => 'web-elb') })),
  );
  t.is(error?.name, 'ValidationError');
});

test('a listener policy outlives the deleted listener: still described, and set again on the new listener', async (t) => {
  const spec = twoHostSpec();
  const https = {
    protocol: 'HTTPS',
    loadBalancerPort: 443,
    instancePort: 32000,
    instanceProtocol: 'HTTP',
    sslCertificateId: 'arn:aws:iam::123456789012:server-certificate/web',
    policyNames: ['web-tls-negotiation'],
  };
  const { elb, world } = await startClients(t, {
    ...spec,
    loadBalancers: spec.loadBalancers.map((lb) =>
      lb.name === 'web-elb' ? { ...lb, listeners: [...lb.listeners, https] } : lb,
    ),
  });
  await elb.send(
    new DeleteLoadBalancerListenersCommand({ LoadBalancerName: 'web-elb', LoadBalancerPorts: [443] }),
  );
  const policies = await elb.send(new DescribeLoadBalancerPoliciesCommand({ LoadBalancerName: 'web-elb' }));
  t.deepEqual(
    policies.PolicyDescriptions?.map((p) => [p.PolicyName, p.PolicyTypeName]),
    [['web-tls-negotiation', 'SSLNegotiationPolicyType']],
  );
  const described = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['web-elb'] }));
  t.deepEqual(described.LoadBalancerDescriptions?.[0]?.Policies?.OtherPolicies, ['web-tls-negotiation']);
  await elb.send(
    new CreateLoadBalancerListenersCommand({
      LoadBalancerName: 'web-elb',
      Listeners: [
        {
          Protocol: 'HTTPS',
          LoadBalancerPort: 443,
          InstanceProtocol: 'HTTP',
          InstancePort: 32768,
          SSLCertificateId: https.sslCertificateId,
        },
      ],
    }),
  );
  t.deepEqual(
    world.loadBalancer('web-elb')?.listeners.find((l) => l.loadBalancerPort === 443)?.policyNames,
    [],
  );
  await elb.send(
    new SetLoadBalancerPoliciesOfListenerCommand({
      LoadBalancerName: 'web-elb',
      LoadBalancerPort: 443,
      PolicyNames: ['web-tls-negotiation'],
    }),
  );
  t.deepEqual(world.loadBalancer('web-elb')?.listeners.find((l) => l.loadBalancerPort === 443)?.policyNames, [
    'web-tls-negotiation',
  ]);
});
