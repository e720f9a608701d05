import {
  AccessPointNotFoundException,
  DuplicateListenerException,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { toAwsError } from '../src/errors.js';

const sdkError = (name: string, status: number, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} message`), { name, $metadata: { httpStatusCode: status }, ...fields });

const classify = (error: unknown) => {
  const { code, retryable } = toAwsError(error, 'elb', 'DescribeLoadBalancers', 'web-lb');
  return { code, retryable };
};

test('throttling in every spelling is retryable', (t) => {
  t.deepEqual(classify(sdkError('Throttling', 400, { Code: 'Throttling' })), {
    code: 'Throttling',
    retryable: true,
  });
  t.deepEqual(classify(sdkError('ThrottlingException', 400)), {
    code: 'ThrottlingException',
    retryable: true,
  });
  t.deepEqual(classify(sdkError('SlowDown', 503)), { code: 'SlowDown', retryable: true });
  t.deepEqual(classify(sdkError('Unknown', 429)), { code: 'Throttling', retryable: true });
});

test('any 5xx is retryable', (t) => {
  t.deepEqual(classify(sdkError('ServerException', 500)), { code: 'ServerException', retryable: true });
  t.deepEqual(classify(sdkError('Unknown', 502)), { code: 'ServerError', retryable: true });
});

test('network errors and timeouts are retryable', (t) => {
  for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'EAI_AGAIN']) {
    t.deepEqual(classify(Object.assign(new Error(`connect ${code}`), { code })), {
      code: 'Network',
      retryable: true,
    });
  }
  t.deepEqual(classify(new Error('socket hang up')), { code: 'Network', retryable: true });
  t.deepEqual(
    classify(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })),
    {
      code: 'Network',
      retryable: true,
    },
  );
  t.deepEqual(classify(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })), {
    code: 'Timeout',
    retryable: true,
  });
  t.deepEqual(classify(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), {
    code: 'Timeout',
    retryable: true,
  });
  t.deepEqual(classify(Object.assign(new Error('aborted'), { name: 'AbortError' })), {
    code: 'Timeout',
    retryable: true,
  });
});

test('expired or momentarily unavailable credentials are retryable', (t) => {
  t.deepEqual(classify(sdkError('ExpiredTokenException', 400)), {
    code: 'ExpiredTokenException',
    retryable: true,
  });
  t.deepEqual(
    classify(Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' })),
    {
      code: 'CredentialsProviderError',
      retryable: true,
    },
  );
});

test('access denied, not found, validation and other 4xx are terminal', (t) => {
  t.deepEqual(classify(sdkError('AccessDeniedException', 400)), {
    code: 'AccessDeniedException',
    retryable: false,
  });
  t.deepEqual(classify(sdkError('Unknown', 403)), { code: 'AccessDenied', retryable: false });
  t.deepEqual(classify(sdkError('ValidationError', 400, { Code: 'ValidationError' })), {
    code: 'ValidationError',
    retryable: false,
  });
  t.deepEqual(classify(sdkError('ClusterNotFoundException', 400)), {
    code: 'ClusterNotFoundException',
    retryable: false,
  });
  t.deepEqual(classify(sdkError('Unknown', 404)), { code: 'NotFound', retryable: false });
  t.deepEqual(classify('a string'), { code: 'Unknown', retryable: false });
});

test('ELB exceptions carry AWS codes whether parsed from the wire or built by hand', (t) => {
  const wire = Object.assign(new AccessPointNotFoundException({ message: 'gone', $metadata: {} }), {
    Code: 'LoadBalancerNotFound',
  });
  t.is(classify(wire).code, 'LoadBalancerNotFound');
  t.is(
    classify(new AccessPointNotFoundException({ message: 'gone', $metadata: {} })).code,
    'LoadBalancerNotFound',
  );
  t.is(classify(new DuplicateListenerException({ message: 'dup', $metadata: {} })).code, 'DuplicateListener');
});

test('the error names its operation, resource and message', (t) => {
  t.deepEqual(toAwsError(sdkError('Throttling', 400), 'ecs', 'DescribeTasks', 'prod'), {
    _tag: 'AwsError',
    retryable: true,
    service: 'ecs',
    operation: 'DescribeTasks',
    resource: 'prod',
    code: 'Throttling',
    message: 'Throttling message',
  });
});
