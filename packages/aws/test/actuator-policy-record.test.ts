import {
  AddTagsCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingClient,
  RemoveTagsCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
  TooManyTagsException,
} from '@aws-sdk/client-elastic-load-balancing';
import { instanceId, type ReplaceListeners } from '@statika/core';
import test from 'ava';
import { mockClient } from 'aws-sdk-client-mock';
import * as E from 'fp-ts/lib/Either.js';
import { createActuator } from '../src/actuator.js';
import type { PolicyRecordSkipped } from '../src/policy-record.js';
import { clientConfig, ec2Id, httpListener, lbDescription, lbName } from './fixtures.js';

const elb = new ElasticLoadBalancingClient(clientConfig);
const elbMock = mockClient(elb);
const skipped: PolicyRecordSkipped[] = [];
const actuator = createActuator({ elb }, { onPolicyRecordSkipped: (s) => void skipped.push(s) });

const OWN = `statika:pending-policies:${ec2Id(1)}`;
const OTHER = `statika:pending-policies:${ec2Id(2)}`;
const TLS = 'ELBSecurityPolicy-2016-08';
const https = (instancePort: number, policyNames: string[] = []) =>
  httpListener(instancePort, {
    protocol: 'HTTPS',
    loadBalancerPort: 443,
    instanceProtocol: 'HTTP',
    sslCertificateId: 'arn:aws:acm:eu-west-1:1:certificate/abc',
    policyNames,
  });
const replace = (
  remove: ReplaceListeners['remove'],
  create: ReplaceListeners['create'],
): ReplaceListeners => ({
  serviceName: 'web',
  loadBalancerName: lbName('web-lb'),
  type: 'replaceListeners',
  remove,
  create,
  writer: instanceId(ec2Id(1)),
});
const tags = (...pairs: [string, string][]) => ({
  TagDescriptions: [{ LoadBalancerName: 'web-lb', Tags: pairs.map(([Key, Value]) => ({ Key, Value })) }],
});

/** Every command the mock received, in order, as [operation, input]. */
const sent = () =>
  elbMock.calls().map((call) => [call.args[0].constructor.name.replace(/Command$/, ''), call.args[0].input]);
const operations = () => sent().map(([operation]) => operation);
const restored = () =>
  elbMock.commandCalls(SetLoadBalancerPoliciesOfListenerCommand).map((c) => c.args[0].input.PolicyNames);
const throttled = () =>
  Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });

test.beforeEach(() => {
  elbMock.reset();
  elbMock.resolves({});
  skipped.length = 0;
});

test.serial(
  'a listener observed without policies gets every host’s pending ones, recorded under its own key first',
  async (t) => {
    elbMock.on(DescribeTagsCommand).resolves(tags(['team', 'web'], [OTHER, `443=${TLS}+Sticky`]));
    const journaled: ReplaceListeners[] = [];
    const result = await actuator.apply(replace([https(32001)], [https(32002)]), {
      beforeDelete: async (action) => {
        journaled.push(action);
        return E.right(undefined);
      },
    });
    t.deepEqual(result, E.right({ type: 'applied' }));
    t.deepEqual(sent(), [
      ['DescribeTags', { LoadBalancerNames: ['web-lb'] }],
      ['AddTags', { LoadBalancerNames: ['web-lb'], Tags: [{ Key: OWN, Value: `443=${TLS}+Sticky` }] }],
      ['DeleteLoadBalancerListeners', { LoadBalancerName: 'web-lb', LoadBalancerPorts: [443] }],
      ['CreateLoadBalancerListeners', sent()[3]?.[1]],
      [
        'SetLoadBalancerPoliciesOfListener',
        { LoadBalancerName: 'web-lb', LoadBalancerPort: 443, PolicyNames: [TLS, 'Sticky'] },
      ],
      // Only its own key: the other host's replacement may still be in flight.
      ['RemoveTags', { LoadBalancerNames: ['web-lb'], Tags: [{ Key: OWN }] }],
    ]);
    // The journal holds the merged policies, so a restart restores them too.
    t.deepEqual(journaled[0]?.create, [https(32002, [TLS, 'Sticky'])]);
  },
);

test.serial(
  'a listener observed with policies keeps them; the other records are not consulted for it',
  async (t) => {
    elbMock.on(DescribeTagsCommand).resolves(tags([OTHER, '443=OldPolicy']));
    await actuator.apply(replace([https(32001, [TLS])], [https(32002, [TLS])]));
    t.deepEqual(restored(), [[TLS]]);
    t.deepEqual(operations(), [
      'DescribeTags',
      'AddTags',
      'DeleteLoadBalancerListeners',
      'CreateLoadBalancerListeners',
      'SetLoadBalancerPoliciesOfListener',
      'RemoveTags',
    ]);
  },
);

test.serial('no policies anywhere: no record is written or removed, nothing restored', async (t) => {
  elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [lbDescription('web-lb')] });
  await actuator.apply(replace([httpListener(32001)], [httpListener(32002)]));
  t.deepEqual(operations(), [
    'DescribeTags',
    'DescribeLoadBalancers',
    'DeleteLoadBalancerListeners',
    'CreateLoadBalancerListeners',
  ]);
});

test.serial(
  'a listener observed without policies and in no record is read again: policies restored since are kept',
  async (t) => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({
      LoadBalancerDescriptions: [
        lbDescription('web-lb', {
          ListenerDescriptions: [
            {
              Listener: {
                Protocol: 'HTTPS',
                LoadBalancerPort: 443,
                InstanceProtocol: 'HTTP',
                InstancePort: 32001,
                SSLCertificateId: 'arn:aws:acm:eu-west-1:1:certificate/abc',
              },
              PolicyNames: [TLS],
            },
          ],
        }),
      ],
    });
    await actuator.apply(replace([https(32001)], [https(32002)]));
    t.deepEqual(restored(), [[TLS]]);
    t.deepEqual(elbMock.commandCalls(AddTagsCommand)[0]?.args[0].input.Tags, [
      { Key: OWN, Value: `443=${TLS}` },
    ]);
  },
);

test.serial('TooManyTags: warns naming the load balancer and goes on with the journal only', async (t) => {
  elbMock
    .on(AddTagsCommand)
    .rejects(new TooManyTagsException({ message: 'The quota for tags has been reached', $metadata: {} }));
  const result = await actuator.apply(replace([https(32001, [TLS])], [https(32002, [TLS])]));
  t.deepEqual(result, E.right({ type: 'applied' }));
  t.like(skipped, [{ loadBalancerName: 'web-lb', reason: 'TooManyTags' }]);
  t.regex(skipped[0]?.message ?? '', /web-lb.*journal only/);
  t.deepEqual(restored(), [[TLS]]);
  t.is(elbMock.commandCalls(RemoveTagsCommand).length, 0);
});

test.serial('a record longer than a tag value holds is not sent; the replacement goes on', async (t) => {
  const many = Array.from({ length: 12 }, (_, i) => `ELBSecurityPolicy-TLS-1-2-Ext-2018-06-${i}`);
  await actuator.apply(replace([https(32001, many)], [https(32002, many)]));
  t.like(skipped, [{ loadBalancerName: 'web-lb', reason: 'TooLong' }]);
  t.deepEqual(operations(), [
    'DescribeTags',
    'DeleteLoadBalancerListeners',
    'CreateLoadBalancerListeners',
    'SetLoadBalancerPoliciesOfListener',
  ]);
});

test.serial(
  'tags denied by IAM: warns and goes on with the observed policies, writing nothing',
  async (t) => {
    elbMock.on(DescribeTagsCommand).rejects(
      Object.assign(new Error('not authorized'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const result = await actuator.apply(replace([https(32001, [TLS])], [https(32002, [TLS])]));
    t.deepEqual(result, E.right({ type: 'applied' }));
    t.like(skipped, [{ loadBalancerName: 'web-lb', reason: 'AccessDenied' }]);
    t.deepEqual(operations(), [
      'DescribeTags',
      'DeleteLoadBalancerListeners',
      'CreateLoadBalancerListeners',
      'SetLoadBalancerPoliciesOfListener',
    ]);
  },
);

test.serial('a throttled DescribeTags or AddTags fails the action before anything is deleted', async (t) => {
  elbMock.on(DescribeTagsCommand).rejects(throttled());
  const first = await actuator.apply(replace([https(32001, [TLS])], [https(32002, [TLS])]));
  t.like(E.isLeft(first) ? first.left : undefined, { operation: 'DescribeTags', type: 'throttled' });
  elbMock.reset();
  elbMock.resolves({});
  elbMock.on(AddTagsCommand).rejects(throttled());
  const second = await actuator.apply(replace([https(32001, [TLS])], [https(32002, [TLS])]));
  t.like(E.isLeft(second) ? second.left : undefined, { operation: 'AddTags', type: 'throttled' });
  t.deepEqual(operations(), ['DescribeTags', 'AddTags']);
  t.deepEqual(skipped, []);
});

test.serial(
  'its own record left by an earlier attempt is not written again, and is removed at the end',
  async (t) => {
    elbMock.on(DescribeTagsCommand).resolves(tags([OWN, `443=${TLS}`]));
    await actuator.apply(replace([], [https(32002, [TLS])]));
    t.deepEqual(operations(), [
      'DescribeTags',
      'CreateLoadBalancerListeners',
      'SetLoadBalancerPoliciesOfListener',
      'RemoveTags',
    ]);
  },
);

test.serial(
  'a failed policy restore keeps the record on the load balancer for the next replacement',
  async (t) => {
    elbMock.on(SetLoadBalancerPoliciesOfListenerCommand).rejects(throttled());
    const result = await actuator.apply(replace([https(32001, [TLS])], [https(32002, [TLS])]));
    t.true(E.isLeft(result));
    t.is(elbMock.commandCalls(AddTagsCommand).length, 1);
    t.is(elbMock.commandCalls(RemoveTagsCommand).length, 0);
  },
);

test.serial(
  'a RemoveTags that fails is a Left, so the journal keeps the entry and clears it later',
  async (t) => {
    elbMock.on(RemoveTagsCommand).rejects(throttled());
    const result = await actuator.apply(replace([https(32001, [TLS])], [https(32002, [TLS])]));
    t.like(E.isLeft(result) ? result.left : undefined, { operation: 'RemoveTags', type: 'throttled' });
    t.deepEqual(restored(), [[TLS]]);
  },
);

test.serial(
  'a finished journal entry (nothing to create) removes its own record, or only reads when it has none',
  async (t) => {
    const journaled: ReplaceListeners[] = [];
    const hooks = {
      beforeDelete: async (a: ReplaceListeners) => {
        journaled.push(a);
        return E.right(undefined);
      },
    };
    elbMock.on(DescribeTagsCommand).resolves(tags([OWN, `443=${TLS}`], [OTHER, `443=${TLS}`]));
    t.deepEqual(await actuator.apply(replace([], []), hooks), E.right({ type: 'applied' }));
    t.deepEqual(sent(), [
      ['DescribeTags', { LoadBalancerNames: ['web-lb'] }],
      ['RemoveTags', { LoadBalancerNames: ['web-lb'], Tags: [{ Key: OWN }] }],
    ]);
    elbMock.reset();
    elbMock.resolves({});
    await actuator.apply(replace([], []), hooks);
    t.deepEqual(operations(), ['DescribeTags']);
    t.deepEqual(journaled, []);
  },
);

test.serial(
  'an action without a writer (an old journal entry) reads the records but writes none',
  async (t) => {
    elbMock.on(DescribeTagsCommand).resolves(tags([OTHER, `443=${TLS}`]));
    const { writer: _, ...old } = replace([], [https(32002)]);
    await actuator.apply(old);
    t.deepEqual(restored(), [[TLS]]);
    t.deepEqual(operations(), [
      'DescribeTags',
      'CreateLoadBalancerListeners',
      'SetLoadBalancerPoliciesOfListener',
    ]);
  },
);
