import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { parseListenAddress } from '../../src/http/listen-address.js';

test('host:port is parsed, port 0 included', (t) => {
  t.deepEqual(parseListenAddress('127.0.0.1:9464'), E.right({ type: 'tcp', host: '127.0.0.1', port: 9464 }));
  t.deepEqual(parseListenAddress('0.0.0.0:0'), E.right({ type: 'tcp', host: '0.0.0.0', port: 0 }));
  t.deepEqual(parseListenAddress('[::1]:9464'), E.right({ type: 'tcp', host: '::1', port: 9464 }));
});

test('off disables the endpoints', (t) => {
  t.deepEqual(parseListenAddress('off'), E.right({ type: 'off' }));
});

test('an address without a port, or a port out of range, is refused with a message', (t) => {
  for (const bad of ['9464', '127.0.0.1', '127.0.0.1:70000', 'localhost:http', '']) {
    const parsed = parseListenAddress(bad);
    t.true(E.isLeft(parsed), bad);
  }
});
