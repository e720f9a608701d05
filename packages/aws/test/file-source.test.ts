import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { type AwsClients, createAwsClients } from '../src/aws-clients.js';
import type { AwsCall } from '../src/call-recorder.js';
import type { FileSource } from '../src/contract.js';
import { readError } from '../src/file-read-error.js';
import { createFileSource } from '../src/file-source.js';
import { credentials } from './fixtures.js';
import { type Handler, json, type LocalServer, startServer } from './local-server.js';

const servers: LocalServer[] = [];
const serve = async (handler: Handler) => {
  const server = await startServer(handler);
  servers.push(server);
  return server;
};
test.after.always(() => Promise.all(servers.map((s) => s.close())));

const s3Error = (response: Parameters<Handler>[1], status: number, code: string) => {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code} here</Message></Error>`,
  );
};

/** A stand-in for S3 GetObject, path-style: one route per test. */
const s3Handler: Handler = (request, response) => {
  const path = request.url?.replace(/\?.*$/, '');
  switch (path) {
    case '/config-bucket/statika/services.json':
      if (request.headers['if-none-match'] === '"v1"')
        return void response.writeHead(304, { etag: '"v1"' }).end();
      return void response.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' }).end('[]');
    case '/b/leading.json':
      return void response.writeHead(200, { etag: '"1"' }).end('{}');
    case '/b/denied.json':
      return s3Error(response, 403, 'AccessDenied');
    case '/b/busy.json':
      return s3Error(response, 503, 'SlowDown');
    case '/b/big.json':
      response.writeHead(200, { etag: '"big"', 'content-length': String(2 * 1024 * 1024) });
      return void response.end(Buffer.alloc(2 * 1024 * 1024, 32));
    case '/b/slow.json':
      return; // never answers
    default:
      return s3Error(response, 404, 'NoSuchKey');
  }
};

let s3Server: LocalServer;
let clients: AwsClients;
let noS3: AwsClients;
const calls: AwsCall[] = [];

test.before(async () => {
  s3Server = await startServer(s3Handler);
  servers.push(s3Server);
  clients = createAwsClients({
    region: 'eu-west-1',
    credentials,
    maxAttempts: 1,
    endpoints: { s3: s3Server.url },
    recorder: { record: (c) => calls.push(c) },
  });
  noS3 = clients;
});

const s3Requests = (bucket: string) =>
  s3Server.requests.map((r) => r.replace(/\?.*$/, '')).filter((r) => r.startsWith(`GET /${bucket}/`));

const source = (url: string, clients: Pick<AwsClients, 's3'>, options = {}): FileSource => {
  const created = createFileSource(url, clients, options);
  if (E.isLeft(created)) throw new Error(created.left.message);
  return created.right;
};

test('s3: reads the object path-style, then an unchanged object costs a 304', async (t) => {
  const file = source('s3://config-bucket/statika/services.json', clients);
  t.deepEqual(await file.read(), E.right({ changed: true, text: '[]', version: '"v1"' }));
  t.deepEqual(await file.read(), E.right({ changed: false }));
  t.deepEqual(s3Requests('config-bucket'), [
    'GET /config-bucket/statika/services.json',
    'GET /config-bucket/statika/services.json',
  ]);
  // Other tests of this file share the client: look for this test's 304 only.
  t.true(calls.some((c) => c.service === 's3' && c.operation === 'GetObject' && c.result === 'NotModified'));
});

test('s3: a missing object, access denied and SlowDown are distinct errors', async (t) => {
  t.like(await source('s3://b/missing.json', clients).read(), {
    left: {
      type: 'not-found',
      code: 'NotFound',
      service: 's3',
      operation: 'GetObject',
      resource: 's3://b/missing.json',
    },
  });
  t.like(await source('s3://b/denied.json', clients).read(), {
    left: { type: 'denied', code: 'AccessDenied' },
  });
  t.like(await source('s3://b/busy.json', clients).read(), { left: { type: 'throttled', code: 'SlowDown' } });
});

test('s3: an object over 1 MiB is TooLarge', async (t) => {
  const result = await source('s3://b/big.json', clients).read();
  t.like(result, { left: { type: 'invalid', code: 'TooLarge' } });
  if (E.isLeft(result)) t.regex(result.left.message, /2097152 bytes, more than the 1048576/);
});

test('s3: no answer in time is a transient Timeout', async (t) => {
  t.like(await source('s3://b/slow.json', clients, { timeoutMs: 100 }).read(), {
    left: { type: 'transient', code: 'Timeout' },
  });
});

test('file: a plain path and a file URL are read again each time, unchanged text reported as unchanged', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'statika-'));
  const path = join(dir, 'configuration.json');
  await writeFile(path, '{"a":1}');
  for (const url of [path, pathToFileURL(path).href]) {
    const file = source(url, noS3);
    t.like(await file.read(), { right: { changed: true, text: '{"a":1}' } });
    t.deepEqual(await file.read(), E.right({ changed: false }));
  }
  const file = source(path, noS3);
  await file.read();
  await writeFile(path, '{"a":2}');
  t.like(await file.read(), { right: { changed: true, text: '{"a":2}' } });
  await writeFile(path, '{"a":1}');
});

test('file: a missing file is NotFound and a large one TooLarge', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'statika-'));
  t.like(await source(join(dir, 'missing.json'), noS3).read(), {
    left: { type: 'not-found', code: 'NotFound', service: 'file' },
  });
  const big = join(dir, 'big.json');
  await writeFile(big, Buffer.alloc(2048, 32));
  t.like(await source(big, noS3, { maxBytes: 1024 }).read(), { left: { code: 'TooLarge' } });
});

test('file: a permission error is AccessDenied', (t) => {
  const error = Object.assign(new Error("EACCES: permission denied, open '/etc/x'"), { code: 'EACCES' });
  t.like(readError(error, 'file', 'read', '/etc/x', false), { type: 'denied', code: 'AccessDenied' });
});

test('https: ETag and If-None-Match make an unchanged file a 304', async (t) => {
  const server = await serve((request, response) => {
    if (request.headers['if-none-match'] === 'W/"7"') return void response.writeHead(304).end();
    json(response, 200, { cluster: 'prod' }, { etag: 'W/"7"' });
  });
  const file = source(`${server.url}/configuration.json`, noS3);
  t.deepEqual(await file.read(), E.right({ changed: true, text: '{"cluster":"prod"}', version: 'W/"7"' }));
  t.deepEqual(await file.read(), E.right({ changed: false }));
});

test('https: 404, 403, 5xx, too large and timeout are distinct errors', async (t) => {
  const server = await serve((request, response) => {
    if (request.url === '/missing') return void response.writeHead(404).end();
    if (request.url === '/denied') return void response.writeHead(403).end();
    if (request.url === '/broken') return void response.writeHead(502).end();
    if (request.url === '/big') {
      // Chunked, no content-length: the cap applies while reading.
      response.writeHead(200);
      response.write(Buffer.alloc(700, 32));
      response.end(Buffer.alloc(700, 32));
      return;
    }
  });
  const read = (path: string, options = {}) => source(`${server.url}${path}`, noS3, options).read();
  t.like(await read('/missing'), { left: { type: 'not-found', code: 'NotFound', service: 'https' } });
  t.like(await read('/denied'), { left: { type: 'denied', code: 'AccessDenied' } });
  t.like(await read('/broken'), { left: { type: 'transient', code: 'ServerError' } });
  t.like(await read('/big', { maxBytes: 1024 }), { left: { code: 'TooLarge' } });
  t.like(await read('/slow', { timeoutMs: 100 }), { left: { type: 'transient', code: 'Timeout' } });
});

test('https: a server that is not there is a transient Network error', async (t) => {
  const gone = await startServer(() => {});
  await gone.close();
  t.like(await source(`${gone.url}/x.json`, noS3).read(), { left: { type: 'transient', code: 'Network' } });
});

test('any other URL is UnsupportedUrl, which no retry can fix', (t) => {
  for (const url of [
    'ftp://host/file.json',
    'http://example.com/config.json',
    's3://bucket-only',
    's3:///key',
    '',
  ]) {
    t.like(createFileSource(url, noS3), { left: { type: 'invalid', code: 'UnsupportedUrl' } }, url);
  }
  t.true(E.isRight(createFileSource('https://example.com/config.json', noS3)));
  t.true(E.isRight(createFileSource('relative/configuration.json', noS3)));
});

test('s3: a key never starts with a slash', async (t) => {
  t.like(await source('s3://b//leading.json', clients).read(), { right: { changed: true, text: '{}' } });
  t.true(s3Requests('b').includes('GET /b/leading.json'));
});
