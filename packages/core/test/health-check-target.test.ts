import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import {
  describeHealthCheckTargetError,
  parseHealthCheckTarget,
  printHealthCheckTarget,
} from '../src/index.js';

test('parses an HTTP target keeping path and query', (t) => {
  t.deepEqual(
    parseHealthCheckTarget('HTTP:8080/health?deep=1&x=y'),
    E.right({ protocol: 'HTTP', port: 8080, path: '/health?deep=1&x=y' }),
  );
});

test('parses a lower-case protocol into upper case', (t) => {
  t.deepEqual(parseHealthCheckTarget('https:443/'), E.right({ protocol: 'HTTPS', port: 443, path: '/' }));
  t.deepEqual(parseHealthCheckTarget('tcp:22'), E.right({ protocol: 'TCP', port: 22 }));
  t.deepEqual(parseHealthCheckTarget('Ssl:8443'), E.right({ protocol: 'SSL', port: 8443 }));
});

test('prints a target back as AWS writes it', (t) => {
  t.is(printHealthCheckTarget({ protocol: 'HTTP', port: 32768, path: '/a/b?c=d' }), 'HTTP:32768/a/b?c=d');
  t.is(printHealthCheckTarget({ protocol: 'TCP', port: 32768 }), 'TCP:32768');
});

test('print of parse gives back an upper-case target unchanged', (t) => {
  for (const target of ['HTTP:80/', 'HTTPS:8443/ping?x=1', 'TCP:1', 'SSL:65535']) {
    t.deepEqual(E.map(printHealthCheckTarget)(parseHealthCheckTarget(target)), E.right(target));
  }
});

test('unreadable targets are errors as values, never throws', (t) => {
  const tags = (target: string) => E.mapLeft((e: { type: string }) => e.type)(parseHealthCheckTarget(target));
  t.deepEqual(tags('PING:80'), E.left('UnknownProtocol'));
  t.deepEqual(tags('HTTP'), E.left('UnknownProtocol'));
  t.deepEqual(tags(''), E.left('UnknownProtocol'));
  t.deepEqual(tags('HTTP:0/'), E.left('InvalidPort'));
  t.deepEqual(tags('TCP:65536'), E.left('InvalidPort'));
  t.deepEqual(tags('HTTP:80'), E.left('MissingPath'));
  t.deepEqual(tags('HTTP:80health'), E.left('MissingPath'));
  t.deepEqual(tags('TCP:80/health'), E.left('UnexpectedPath'));
  t.deepEqual(tags(`HTTP:80/${'a'.repeat(1024)}`), E.left('TooLong'));
});

test('describes an error with the target and what is accepted', (t) => {
  const parsed = parseHealthCheckTarget('PING:80');
  t.is(
    E.isLeft(parsed) ? describeHealthCheckTargetError(parsed.left) : '',
    'health check target "PING:80": expected TCP:port, SSL:port, HTTP:port/path or HTTPS:port/path',
  );
});
