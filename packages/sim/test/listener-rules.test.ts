import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import {
  checkInstancePortPeers,
  checkListener,
  sameListenerSettings,
  storedListener,
} from '../src/listener-rules.js';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

test('a listener is stored with upper-case protocols and its instance protocol filled in from its layer', (t) => {
  const stored = (protocol: string, instanceProtocol?: string) =>
    storedListener({
      protocol,
      loadBalancerPort: 80,
      instancePort: 8080,
      ...(instanceProtocol === undefined ? {} : { instanceProtocol }),
    });
  t.deepEqual(stored('http'), {
    protocol: 'HTTP',
    loadBalancerPort: 80,
    instanceProtocol: 'HTTP',
    instancePort: 8080,
    policyNames: [],
  });
  t.is(stored('https').instanceProtocol, 'HTTP');
  t.is(stored('tcp').instanceProtocol, 'TCP');
  t.is(stored('ssl').instanceProtocol, 'TCP');
  t.is(stored('HTTPS', 'https').instanceProtocol, 'HTTPS');
});

test('listener settings compare without policies, and a certificate counts', (t) => {
  const base = storedListener({
    protocol: 'HTTPS',
    loadBalancerPort: 443,
    instancePort: 8080,
    sslCertificateId: CERT,
  });
  t.true(sameListenerSettings(base, { ...base, policyNames: ['ssl-policy'] }));
  t.true(
    sameListenerSettings(base, storedListener({ ...base, protocol: 'https', instanceProtocol: 'http' })),
  );
  t.false(sameListenerSettings(base, { ...base, sslCertificateId: `${CERT}2` }));
  t.false(sameListenerSettings(base, { ...base, instanceProtocol: 'HTTPS' }));
  t.false(sameListenerSettings(base, { ...base, instancePort: 8081 }));
});

test('a listener to create has its policies dropped and is refused across layers', (t) => {
  const accepted = checkListener({
    protocol: 'tcp',
    loadBalancerPort: 9000,
    instancePort: 9000,
    policyNames: ['p'],
  });
  t.deepEqual(E.map((l: { policyNames: string[] }) => l.policyNames)(accepted), E.right([]));
  const crossed = checkListener({
    protocol: 'HTTP',
    loadBalancerPort: 81,
    instancePort: 9000,
    instanceProtocol: 'SSL',
  });
  t.deepEqual(E.mapLeft((e: { code: string }) => e.code)(crossed), E.left('InvalidConfigurationRequest'));
});

test('listeners sharing an instance port are all secure to the instance or all plain', (t) => {
  const secure = storedListener({
    protocol: 'HTTPS',
    loadBalancerPort: 443,
    instancePort: 8443,
    instanceProtocol: 'HTTPS',
    sslCertificateId: CERT,
  });
  const plain = storedListener({ protocol: 'HTTP', loadBalancerPort: 80, instancePort: 8443 });
  const plainTcp = storedListener({ protocol: 'TCP', loadBalancerPort: 81, instancePort: 8443 });
  t.true(E.isLeft(checkInstancePortPeers(plain, [secure])));
  t.true(E.isRight(checkInstancePortPeers(plainTcp, [plain])));
  t.true(E.isRight(checkInstancePortPeers(plain, [{ ...secure, instancePort: 9443 }])));
});
