import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { storedHealthCheck, targetPort, validateHealthCheck } from '../src/health-check-rules.js';

test('a target names its port; AWS refuses a path on TCP and SSL and none on HTTP and HTTPS', (t) => {
  t.is(targetPort('HTTP:8080/health'), 8080);
  t.is(targetPort('https:443/'), 443);
  t.is(targetPort('tcp:22'), 22);
  t.is(targetPort('SSL:443'), 443);
  t.is(targetPort('TCP:22/x'), undefined);
  t.is(targetPort('HTTP:8080'), undefined);
  t.is(targetPort('UDP:53'), undefined);
  t.is(targetPort('HTTP:70000/'), undefined);
  t.is(targetPort(`HTTP:80/${'a'.repeat(1024)}`), undefined);
});

test('a health check is stored with its target protocol in upper case', (t) => {
  const check = {
    target: 'http:8080/Health',
    interval: 10,
    timeout: 5,
    unhealthyThreshold: 3,
    healthyThreshold: 2,
  };
  t.deepEqual(storedHealthCheck(check), { ...check, target: 'HTTP:8080/Health' });
});

test('the timeout must be less than the interval', (t) => {
  const check = { target: 'TCP:80', interval: 5, timeout: 5, unhealthyThreshold: 2, healthyThreshold: 2 };
  t.true(E.isLeft(validateHealthCheck(check)));
  t.true(E.isRight(validateHealthCheck({ ...check, timeout: 4 })));
});
