import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * Kept-alive connections for the agent's own GETs (the ECS agent's introspection API, polled every second;
 * files on https). Node unreferences idle kept-alive sockets, so these keep no process alive.
 */
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

export interface HttpGetOptions {
  /** Bounds the whole request, from the connect to the last byte. */
  readonly timeoutMs: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A longer body is not downloaded: the connection is dropped and `body` is undefined. */
  readonly maxBytes?: number;
}

/** An answer, whatever its status; `body` is undefined when it was longer than `maxBytes`. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer | undefined;
}

/**
 * A GET over `node:http` or `node:https`, not `fetch`: `fetch` (undici) needs WebAssembly, which the
 * image's V8 mode (`--jitless`) does not have, and it costs more CPU per request. It rejects on network
 * errors and with a `TimeoutError` when `timeoutMs` passes; every status is an answer.
 */
export const httpGet = (url: string, options: HttpGetOptions): Promise<HttpAnswer> =>
  new Promise((resolve, reject) => {
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      settle();
    };
    const https = url.startsWith('https:');
    const request = (https ? httpsRequest : httpRequest)(
      url,
      { method: 'GET', agent: https ? httpsAgent : httpAgent, headers: options.headers },
      (response) => {
        const max = options.maxBytes ?? Number.POSITIVE_INFINITY;
        const chunks: Buffer[] = [];
        let total = 0;
        response.on('data', (chunk: Buffer) => {
          total += chunk.byteLength;
          if (total > max) {
            // Drop the connection rather than download a body we will not use.
            request.destroy();
            finish(() =>
              resolve({ status: response.statusCode ?? 0, headers: response.headers, body: undefined }),
            );
          } else chunks.push(chunk);
        });
        response.on('error', (error) => finish(() => reject(error)));
        response.on('end', () =>
          finish(() =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          ),
        );
      },
    );
    const timer = setTimeout(
      () =>
        request.destroy(
          Object.assign(new Error(`${url} did not answer within ${options.timeoutMs} ms`), {
            name: 'TimeoutError',
          }),
        ),
      options.timeoutMs,
    );
    request.on('error', (error) => finish(() => reject(error)));
    request.end();
  });
