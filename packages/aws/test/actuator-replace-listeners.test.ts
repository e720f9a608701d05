import { CreateLoadBalancerListenersCommand } from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { journalFailed } from '../src/failure.js';
import { base, mockedActuator, recordKey, replace } from './actuator-fixtures.js';
import { httpListener } from './fixtures.js';

const { elbMock, actuator, sent, reset } = mockedActuator();

test.beforeEach(reset);

test.serial(
  'replaces listeners with one delete and one create back to back, inside its record of their policies',
  async (t) => {
    const journal: string[] = [];
    const result = await actuator.apply(replace, {
      beforeDelete: async (action) => {
        journal.push(`journaled ${action.create.length} listeners after ${elbMock.calls().length} calls`);
        return E.right(undefined);
      },
    });
    t.deepEqual(result, E.right({ type: 'applied' }));
    t.deepEqual(journal, ['journaled 2 listeners after 2 calls']);
    t.deepEqual(sent(), [
      ['DescribeTags', { LoadBalancerNames: ['web-lb'] }],
      // The HTTP listener has no policies and no record gives it any: read again, in case they were just restored.
      ['DescribeLoadBalancers', { LoadBalancerNames: ['web-lb'], PageSize: 400, Marker: undefined }],
      [
        'AddTags',
        { LoadBalancerNames: ['web-lb'], Tags: [{ Key: recordKey, Value: '443=ELBSecurityPolicy-2016-08' }] },
      ],
      ['DeleteLoadBalancerListeners', { LoadBalancerName: 'web-lb', LoadBalancerPorts: [80, 443] }],
      [
        'CreateLoadBalancerListeners',
        {
          LoadBalancerName: 'web-lb',
          Listeners: [
            { Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 32002 },
            {
              Protocol: 'HTTPS',
              LoadBalancerPort: 443,
              InstancePort: 32002,
              InstanceProtocol: 'HTTP',
              SSLCertificateId: 'arn:aws:acm:eu-west-1:1:certificate/abc',
            },
          ],
        },
      ],
      [
        'SetLoadBalancerPoliciesOfListener',
        { LoadBalancerName: 'web-lb', LoadBalancerPort: 443, PolicyNames: ['ELBSecurityPolicy-2016-08'] },
      ],
      ['RemoveTags', { LoadBalancerNames: ['web-lb'], Tags: [{ Key: recordKey }] }],
    ]);
  },
);

test.serial('never sends a field that was empty', async (t) => {
  const bare = httpListener(32002, { instanceProtocol: '', sslCertificateId: '' });
  await actuator.apply({ ...base, type: 'replaceListeners', remove: [httpListener(32001)], create: [bare] });
  const create = elbMock.commandCalls(CreateLoadBalancerListenersCommand)[0]?.args[0].input;
  t.deepEqual(create?.Listeners, [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 32002 }]);
});

test.serial('a journal that fails stops the replacement before anything is deleted', async (t) => {
  const result = await actuator.apply(replace, {
    beforeDelete: async (a) => E.left(journalFailed(a.loadBalancerName, new Error('disk full'))),
  });
  if (E.isRight(result)) return t.fail('expected a Left');
  t.like(result.left, { type: 'journal', code: 'JournalWriteFailed' });
  // Only reads: no record written, nothing deleted.
  t.deepEqual(
    sent().map(([operation]) => operation),
    ['DescribeTags', 'DescribeLoadBalancers'],
  );
});

test.serial(
  'with nothing to remove (journal recovery) creates inside its record, and reads nothing again',
  async (t) => {
    await actuator.apply({ ...replace, remove: [] });
    t.deepEqual(
      sent().map(([operation]) => operation),
      [
        'DescribeTags',
        'AddTags',
        'CreateLoadBalancerListeners',
        'SetLoadBalancerPoliciesOfListener',
        'RemoveTags',
      ],
    );
  },
);
