import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerListenersCommand,
  DeleteLoadBalancerListenersCommand,
  DeregisterInstancesFromLoadBalancerCommand,
  DuplicateListenerException,
  ElasticLoadBalancingClient,
  RegisterInstancesWithLoadBalancerCommand,
  SetLoadBalancerPoliciesForBackendServerCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { instanceId, type ReplaceListeners } from '@statika/core';
import test from 'ava';
import { mockClient } from 'aws-sdk-client-mock';
import * as E from 'fp-ts/lib/Either.js';
import { createActuator } from '../src/actuator.js';
import { journalFailed } from '../src/failure.js';
import { clientConfig, ec2Id, httpListener, lbName } from './fixtures.js';

const elb = new ElasticLoadBalancingClient(clientConfig);
const elbMock = mockClient(elb);
const sleeps: number[] = [];
const actuator = createActuator({ elb }, { sleep: async (ms) => void sleeps.push(ms) });

const serverError = () =>
  Object.assign(new Error('internal'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });

const base = { serviceName: 'web', loadBalancerName: lbName('web-lb') };
const https = (instancePort: number) =>
  httpListener(instancePort, {
    protocol: 'HTTPS',
    loadBalancerPort: 443,
    instanceProtocol: 'HTTP',
    sslCertificateId: 'arn:aws:acm:eu-west-1:1:certificate/abc',
    policyNames: ['ELBSecurityPolicy-2016-08'],
  });
const replace: ReplaceListeners = {
  ...base,
  type: 'replaceListeners',
  remove: [httpListener(32001), https(32001)],
  create: [httpListener(32002), https(32002)],
  writer: instanceId(ec2Id(1)),
};
const recordKey = `statika:pending-policies:${ec2Id(1)}`;

/** Every command the mock received, in order, as [operation, input]. */
const sent = () =>
  elbMock.calls().map((call) => [call.args[0].constructor.name.replace(/Command$/, ''), call.args[0].input]);

test.beforeEach(() => {
  elbMock.reset();
  elbMock.resolves({});
  sleeps.length = 0;
});

test.serial('registers and deregisters this instance', async (t) => {
  t.deepEqual(
    await actuator.apply({ ...base, type: 'register', instanceId: instanceId(ec2Id(1)) }),
    E.right({ type: 'applied' }),
  );
  t.deepEqual(
    await actuator.apply({ ...base, type: 'deregister', instanceId: instanceId(ec2Id(1)) }),
    E.right({ type: 'applied' }),
  );
  t.deepEqual(sent(), [
    [
      'RegisterInstancesWithLoadBalancer',
      { LoadBalancerName: 'web-lb', Instances: [{ InstanceId: ec2Id(1) }] },
    ],
    [
      'DeregisterInstancesFromLoadBalancer',
      { LoadBalancerName: 'web-lb', Instances: [{ InstanceId: ec2Id(1) }] },
    ],
  ]);
});

test.serial('configures the health check as it should be after', async (t) => {
  const before = {
    target: 'HTTP:32001/health',
    interval: 10,
    timeout: 5,
    unhealthyThreshold: 2,
    healthyThreshold: 3,
  };
  await actuator.apply({
    ...base,
    type: 'configureHealthCheck',
    before,
    after: { ...before, target: 'HTTP:32002/health' },
  });
  t.deepEqual(sent(), [
    [
      'ConfigureHealthCheck',
      {
        LoadBalancerName: 'web-lb',
        HealthCheck: {
          Target: 'HTTP:32002/health',
          Interval: 10,
          Timeout: 5,
          UnhealthyThreshold: 2,
          HealthyThreshold: 3,
        },
      },
    ],
  ]);
});

test.serial('sets and clears backend-server policies', async (t) => {
  await actuator.apply({
    ...base,
    type: 'setBackendServerPolicies',
    instancePort: 32002,
    before: [],
    policyNames: ['pp'],
  });
  await actuator.apply({
    ...base,
    type: 'setBackendServerPolicies',
    instancePort: 32001,
    before: ['pp'],
    policyNames: [],
  });
  t.deepEqual(sent(), [
    [
      'SetLoadBalancerPoliciesForBackendServer',
      { LoadBalancerName: 'web-lb', InstancePort: 32002, PolicyNames: ['pp'] },
    ],
    [
      'SetLoadBalancerPoliciesForBackendServer',
      { LoadBalancerName: 'web-lb', InstancePort: 32001, PolicyNames: [] },
    ],
  ]);
});

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

test.serial('retries a failed create with a doubling backoff', async (t) => {
  elbMock
    .on(CreateLoadBalancerListenersCommand)
    .rejectsOnce(serverError())
    .rejectsOnce(serverError())
    .resolves({});
  const result = await actuator.apply(replace);
  t.deepEqual(result, E.right({ type: 'applied' }));
  t.deepEqual(sleeps, [200, 400]);
  t.is(elbMock.commandCalls(DeleteLoadBalancerListenersCommand).length, 1);
  t.is(elbMock.commandCalls(CreateLoadBalancerListenersCommand).length, 3);
});

test.serial('when the create keeps failing, recreates the old listeners exactly as they were', async (t) => {
  elbMock
    .on(CreateLoadBalancerListenersCommand)
    .rejectsOnce(serverError())
    .rejectsOnce(serverError())
    .rejectsOnce(serverError())
    .resolves({});
  const result = await actuator.apply(replace);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.like(result.right, {
    type: 'restored',
    error: { code: 'InternalFailure', operation: 'CreateLoadBalancerListeners' },
  });
  const creates = elbMock
    .commandCalls(CreateLoadBalancerListenersCommand)
    .map((c) => c.args[0].input.Listeners);
  t.is(creates.length, 4);
  t.deepEqual(creates[3], [
    { Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 32001 },
    {
      Protocol: 'HTTPS',
      LoadBalancerPort: 443,
      InstancePort: 32001,
      InstanceProtocol: 'HTTP',
      SSLCertificateId: 'arn:aws:acm:eu-west-1:1:certificate/abc',
    },
  ]);
  t.deepEqual(
    elbMock.commandCalls(SetLoadBalancerPoliciesOfListenerCommand).map((c) => c.args[0].input),
    [{ LoadBalancerName: 'web-lb', LoadBalancerPort: 443, PolicyNames: ['ELBSecurityPolicy-2016-08'] }],
  );
});

test.serial('when even the restore fails, returns the error for the journal to finish later', async (t) => {
  elbMock.on(CreateLoadBalancerListenersCommand).rejects(serverError());
  const result = await actuator.apply(replace);
  if (E.isRight(result)) return t.fail('expected a Left');
  t.like(result.left, { type: 'transient', operation: 'CreateLoadBalancerListeners' });
  t.regex(result.left.message, /restoring the old listeners failed/);
});

test.serial(
  'a policy restore that fails after the create is a Left, so the journal keeps the entry',
  async (t) => {
    elbMock.on(SetLoadBalancerPoliciesOfListenerCommand).rejects(serverError());
    const result = await actuator.apply(replace);
    if (E.isRight(result)) return t.fail('expected a Left');
    t.like(result.left, { type: 'transient', operation: 'SetLoadBalancerPoliciesOfListener' });
    t.is(elbMock.commandCalls(CreateLoadBalancerListenersCommand).length, 1);
  },
);

test.serial('DuplicateListener on create is a conflict, not retried', async (t) => {
  elbMock.on(CreateLoadBalancerListenersCommand).rejects(
    new DuplicateListenerException({
      message: 'A listener already exists for web-lb with LoadBalancerPort 80',
      $metadata: {},
    }),
  );
  const result = await actuator.apply(replace);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.like(result.right, { type: 'conflict', error: { type: 'conflict', code: 'DuplicateListener' } });
  t.is(elbMock.commandCalls(CreateLoadBalancerListenersCommand).length, 1);
});

test.serial('a failed delete creates nothing', async (t) => {
  elbMock.on(DeleteLoadBalancerListenersCommand).rejects(serverError());
  const result = await actuator.apply(replace);
  t.true(E.isLeft(result));
  t.is(elbMock.commandCalls(CreateLoadBalancerListenersCommand).length, 0);
});

test.serial('a failed register is an error value with operation and resource', async (t) => {
  elbMock
    .on(RegisterInstancesWithLoadBalancerCommand)
    .rejects(
      Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } }),
    );
  const result = await actuator.apply({ ...base, type: 'register', instanceId: instanceId(ec2Id(1)) });
  t.deepEqual(
    result,
    E.left({
      type: 'throttled',
      service: 'elb',
      operation: 'RegisterInstancesWithLoadBalancer',
      resource: 'web-lb',
      code: 'Throttling',
      message: 'Rate exceeded',
    }),
  );
  t.is(elbMock.commandCalls(DeregisterInstancesFromLoadBalancerCommand).length, 0);
  t.is(elbMock.commandCalls(ConfigureHealthCheckCommand).length, 0);
  t.is(elbMock.commandCalls(SetLoadBalancerPoliciesForBackendServerCommand).length, 0);
});
