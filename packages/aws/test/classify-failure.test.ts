import { ClusterNotFoundException, ServerException } from '@aws-sdk/client-ecs';
import {
  AccessPointNotFoundException,
  DuplicateListenerException,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { classifyFailure } from '../src/classify-failure.js';

const sdkError = (name: string, status: number, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} message`), { name, $metadata: { httpStatusCode: status }, ...fields });

const classify = (error: unknown) => {
  const { type, code } = classifyFailure(error, 'elb', 'DescribeLoadBalancers', 'web-lb');
  return { type, code };
};

test('throttling in every spelling is throttled', (t) => {
  t.deepEqual(classify(sdkError('Throttling', 400, { Code: 'Throttling' })), {
    type: 'throttled',
    code: 'Throttling',
  });
  t.deepEqual(classify(sdkError('ThrottlingException', 400)), {
    type: 'throttled',
    code: 'ThrottlingException',
  });
  t.deepEqual(classify(sdkError('SlowDown', 503)), { type: 'throttled', code: 'SlowDown' });
  t.deepEqual(classify(sdkError('Unknown', 429)), { type: 'throttled', code: 'Throttling' });
  t.deepEqual(classify(sdkError('Custom', 400, { $retryable: { throttling: true } })), {
    type: 'throttled',
    code: 'Custom',
  });
});

test('any 5xx and a server fault are transient', (t) => {
  t.deepEqual(classify(new ServerException({ message: 'down', $metadata: {} })), {
    type: 'transient',
    code: 'ServerException',
  });
  t.deepEqual(classify(sdkError('Unknown', 502)), { type: 'transient', code: 'ServerError' });
  t.deepEqual(classify(sdkError('Unknown', 501)), { type: 'transient', code: 'ServerError' });
  t.deepEqual(classify(sdkError('Custom', 400, { $retryable: {} })), { type: 'transient', code: 'Custom' });
});

test('network errors and timeouts are transient, named Network and Timeout', (t) => {
  for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'EAI_AGAIN']) {
    t.deepEqual(classify(Object.assign(new Error(`connect ${code}`), { code })), {
      type: 'transient',
      code: 'Network',
    });
  }
  t.deepEqual(
    classify(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })),
    { type: 'transient', code: 'Network' },
  );
  t.deepEqual(classify(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })), {
    type: 'transient',
    code: 'Timeout',
  });
  t.deepEqual(classify(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), {
    type: 'transient',
    code: 'Timeout',
  });
  t.deepEqual(classify(Object.assign(new Error('aborted'), { name: 'AbortError' })), {
    type: 'transient',
    code: 'Timeout',
  });
});

test('expired or momentarily unavailable credentials are transient', (t) => {
  t.deepEqual(classify(sdkError('ExpiredTokenException', 400)), {
    type: 'transient',
    code: 'ExpiredTokenException',
  });
  t.deepEqual(
    classify(Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' })),
    { type: 'transient', code: 'CredentialsProviderError' },
  );
});

test('access denied is denied, whatever the spelling', (t) => {
  t.deepEqual(classify(sdkError('AccessDeniedException', 400)), {
    type: 'denied',
    code: 'AccessDeniedException',
  });
  t.deepEqual(classify(sdkError('Unknown', 403)), { type: 'denied', code: 'AccessDenied' });
});

test('what does not exist is not-found: a load balancer, a cluster, a 404', (t) => {
  const wire = Object.assign(new AccessPointNotFoundException({ message: 'gone', $metadata: {} }), {
    Code: 'LoadBalancerNotFound',
  });
  t.deepEqual(classify(wire), { type: 'not-found', code: 'LoadBalancerNotFound' });
  t.deepEqual(classify(new AccessPointNotFoundException({ message: 'gone', $metadata: {} })), {
    type: 'not-found',
    code: 'LoadBalancerNotFound',
  });
  t.deepEqual(classify(new ClusterNotFoundException({ message: 'no cluster', $metadata: {} })), {
    type: 'not-found',
    code: 'ClusterNotFoundException',
  });
  t.deepEqual(classify(sdkError('Unknown', 404)), { type: 'not-found', code: 'NotFound' });
});

test('a duplicate listener is a conflict, from the wire or built by hand', (t) => {
  const wire = Object.assign(new DuplicateListenerException({ message: 'dup', $metadata: {} }), {
    Code: 'DuplicateListener',
  });
  t.deepEqual(classify(wire), { type: 'conflict', code: 'DuplicateListener' });
  t.is(classify(new DuplicateListenerException({ message: 'dup', $metadata: {} })).type, 'conflict');
});

test('other refusals of the request are invalid; what nothing says is terminal', (t) => {
  t.deepEqual(classify(sdkError('ValidationError', 400, { Code: 'ValidationError' })), {
    type: 'invalid',
    code: 'ValidationError',
  });
  t.deepEqual(classify(sdkError('InvalidConfigurationRequest', 409)), {
    type: 'invalid',
    code: 'InvalidConfigurationRequest',
  });
  t.deepEqual(classify('a string'), { type: 'terminal', code: 'Unknown' });
  t.deepEqual(classify(new Error('no status')), { type: 'terminal', code: 'Unknown' });
});

test('the failure names its operation, resource and message', (t) => {
  t.deepEqual(classifyFailure(sdkError('Throttling', 400), 'ecs', 'DescribeTasks', 'prod'), {
    type: 'throttled',
    service: 'ecs',
    operation: 'DescribeTasks',
    resource: 'prod',
    code: 'Throttling',
    message: 'Throttling message',
  });
});
