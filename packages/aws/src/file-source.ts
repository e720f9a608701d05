import { readFile, stat } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import type { FileRead, FileSource } from './contract.js';
import { type Failure, invalid } from './failure.js';
import { readError, tooLarge } from './file-read-error.js';
import { httpGet } from './http-get.js';
import type { S3Reader } from './s3-reader.js';

export interface FileSourceOptions {
  /** Per read, default 5000 ms. */
  readonly timeoutMs?: number;
  /** Default 1 MiB: a configuration file larger than that is a mistake. */
  readonly maxBytes?: number;
}

interface Limits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

const DEFAULT_TIMEOUT_MS = 5000;
const MIB = 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const unchanged: E.Either<Failure, FileRead> = E.right({ changed: false });

/** A local file, read again each time; unchanged text is reported as unchanged. */
const localFileSource = (url: string, path: string, limits: Limits): FileSource => {
  let lastText: string | undefined;
  return {
    url,
    async read() {
      try {
        const info = await stat(path);
        if (info.size > limits.maxBytes)
          return E.left(tooLarge('file', 'read', url, info.size, limits.maxBytes));
        const text = await readFile(path, 'utf8');
        if (text === lastText) return unchanged;
        lastText = text;
        return E.right({ changed: true, text, version: new Date(info.mtimeMs).toISOString() });
      } catch (error) {
        return E.left(readError(error, 'file', 'read', url, false));
      }
    },
  };
};

const isNotModified = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const fields = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return fields.name === 'NotModified' || fields.$metadata?.httpStatusCode === 304;
};

/** `s3://bucket/key`: GetObject conditional on the last ETag, so an unchanged file costs a 304 and no body. */
const s3FileSource = (
  url: string,
  bucket: string,
  key: string,
  s3: () => Promise<S3Reader>,
  limits: Limits,
): FileSource => {
  let lastEtag: string | undefined;
  return {
    url,
    async read() {
      const signal = AbortSignal.timeout(limits.timeoutMs);
      try {
        const reader = await s3();
        const object = await reader.getObject({ Bucket: bucket, Key: key, IfNoneMatch: lastEtag }, signal);
        if (object.ContentLength !== undefined && object.ContentLength > limits.maxBytes) {
          // Drop the connection rather than download a body we will not use.
          (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
          return E.left(tooLarge('s3', 'GetObject', url, object.ContentLength, limits.maxBytes));
        }
        const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
        if (bytes.byteLength > limits.maxBytes) {
          return E.left(tooLarge('s3', 'GetObject', url, bytes.byteLength, limits.maxBytes));
        }
        lastEtag = object.ETag;
        return E.right({ changed: true, text: new TextDecoder().decode(bytes), version: object.ETag });
      } catch (error) {
        if (isNotModified(error)) return unchanged;
        return E.left(readError(error, 's3', 'GetObject', url, signal.aborted));
      }
    },
  };
};

/** `https://…` (and `http://` on loopback, for tests and the simulator): a GET with If-None-Match. */
const httpFileSource = (url: string, limits: Limits): FileSource => {
  let lastEtag: string | undefined;
  return {
    url,
    async read() {
      try {
        const answer = await httpGet(url, {
          timeoutMs: limits.timeoutMs,
          maxBytes: limits.maxBytes,
          headers: lastEtag !== undefined ? { 'if-none-match': lastEtag } : {},
        });
        if (answer.status === 304) return unchanged;
        if (answer.status < 200 || answer.status >= 300) {
          throw Object.assign(
            new Error(`answered ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`.trim()),
            {
              name: 'Error',
              $metadata: { httpStatusCode: answer.status },
            },
          );
        }
        if (answer.body === undefined) {
          const declared = Number(answer.headers['content-length'] ?? Number.NaN);
          const bytes = declared > limits.maxBytes ? declared : limits.maxBytes + 1;
          return E.left(tooLarge('https', 'GET', url, bytes, limits.maxBytes));
        }
        const etag = answer.headers.etag;
        lastEtag = etag;
        return E.right({ changed: true, text: answer.body.toString('utf8'), version: etag });
      } catch (error) {
        const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
        return E.left(readError(error, 'https', 'GET', url, timedOut));
      }
    },
  };
};

const unsupported = (url: string, why: string): E.Either<Failure, FileSource> =>
  E.left(
    invalid({
      service: 'file',
      operation: 'createFileSource',
      resource: url,
      code: 'UnsupportedUrl',
      message: `${url}: ${why}; use s3://bucket/key, file:///absolute/path, a path, or https://…`,
    }),
  );

/**
 * A source for one of Statika's two files: `s3://bucket/key`, `file:///abs/path`, a plain path, or
 * `https://…`. Any other URL is a Left with code `UnsupportedUrl` (a configuration that can never work).
 * Reading returns the text, or `{changed: false}` when the file is known not to have changed.
 */
export const createFileSource = (
  url: string,
  clients: { readonly s3: () => Promise<S3Reader> },
  options: FileSourceOptions = {},
): E.Either<Failure, FileSource> => {
  const limits = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBytes: options.maxBytes ?? MIB };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return url.length > 0 ? E.right(localFileSource(url, url, limits)) : unsupported(url, 'empty URL');
  }
  switch (scheme) {
    case 's3': {
      const match = /^s3:\/\/([^/]+)\/(.+)$/i.exec(url);
      if (!match?.[1] || !match[2]) return unsupported(url, 'an S3 URL needs a bucket and a key');
      // s3://bucket/key is Key `key`: S3 keys never start with '/'.
      return E.right(s3FileSource(url, match[1], match[2].replace(/^\/+/, ''), clients.s3, limits));
    }
    case 'file':
      try {
        return E.right(localFileSource(url, fileURLToPath(url), limits));
      } catch (error) {
        return unsupported(url, error instanceof Error ? error.message : 'not a file URL');
      }
    case 'https':
      return E.right(httpFileSource(url, limits));
    case 'http':
      // Plain http only on loopback: a configuration fetched in clear over a network could be tampered with.
      return URL.canParse(url) && LOOPBACK.has(new URL(url).hostname)
        ? E.right(httpFileSource(url, limits))
        : unsupported(url, 'plain http is accepted only on 127.0.0.1 and localhost');
    default:
      return unsupported(url, `the scheme ${scheme}: is not supported`);
  }
};
