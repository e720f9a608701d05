import {
  CreateLoadBalancerListenersCommand,
  DeleteLoadBalancerListenersCommand,
  DuplicateListenerException,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { mockedActuator, replace, serverError } from './actuator-fixtures.js';

const { elbMock, actuator, reset } = mockedActuator();

test.beforeEach(reset);

test.serial('when the create fails, recreates the old listeners exactly as they were', async (t) => {
  // The client's retry middleware has retried it already (retry-middleware.test.ts): a Left is final.
  elbMock.on(CreateLoadBalancerListenersCommand).rejectsOnce(serverError()).resolves({});
  const result = await actuator.apply(replace);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.like(result.right, {
    type: 'restored',
    error: { code: 'InternalFailure', operation: 'CreateLoadBalancerListeners' },
  });
  const creates = elbMock
    .commandCalls(CreateLoadBalancerListenersCommand)
    .map((c) => c.args[0].input.Listeners);
  t.is(creates.length, 2);
  t.deepEqual(creates[1], [
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
