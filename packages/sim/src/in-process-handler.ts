import { Readable } from 'node:stream';
import { handleRequest } from './protocol/handle-request.js';
import type { SimRequest, SimTarget } from './protocol/sim-request.js';
import type { World } from './world.js';

/** The parts of Smithy's HttpRequest the sim reads (structural: this package does not import @smithy). */
export interface SdkHttpRequest {
  readonly method: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[] | null | undefined>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly hostname?: string;
  readonly port?: number;
  readonly protocol?: string;
}

/** Shaped as Smithy's HttpResponse. */
export interface SdkHttpResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Readable;
}

/**
 * A Smithy HttpHandler that serves requests from the world in-process, with no socket: pass it to the
 * SDK clients as `requestHandler`. `inFlight()` lets a virtual-time driver wait until I/O is idle, and
 * `waitingOnClock()` tells it which of those requests wait for its clock (an answer's latency), so that
 * it moves time for them and never for a request still being worked on, however slow the machine.
 */
export interface InProcessHandler {
  handle(
    request: SdkHttpRequest,
    options?: { abortSignal?: unknown },
  ): Promise<{ response: SdkHttpResponse }>;
  updateHttpClientConfig(key: string, value: unknown): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
  inFlight(): number;
  waitingOnClock(): number;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

const chunkToBuffer = (chunk: unknown): Buffer =>
  typeof chunk === 'string'
    ? Buffer.from(chunk)
    : chunk instanceof Uint8Array
      ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
      : Buffer.from(String(chunk));

/** The SDK's body (string, bytes or a stream) as text. */
export const readSdkBody = async (body: unknown): Promise<string> => {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return chunkToBuffer(body).toString('utf8');
  if (isAsyncIterable(body)) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunkToBuffer(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }
  return String(body);
};

const toSimQuery = (query: SdkHttpRequest['query']): Record<string, string | readonly string[]> =>
  Object.fromEntries(
    Object.entries(query ?? {}).flatMap(([k, v]) => (v === null || v === undefined ? [[k, '']] : [[k, v]])),
  );

const lowerCaseKeys = (headers: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

export const createInProcessHandler = (world: World, target: SimTarget): InProcessHandler => {
  let inFlight = 0;
  let waitingOnClock = 0;
  const clockWaits = {
    enter: () => {
      waitingOnClock += 1;
    },
    exit: () => {
      waitingOnClock -= 1;
    },
  };
  return {
    handle: async (request) => {
      inFlight += 1;
      try {
        const simRequest: SimRequest = {
          method: request.method.toUpperCase(),
          path: request.path,
          query: toSimQuery(request.query),
          headers: lowerCaseKeys(request.headers),
          body: await readSdkBody(request.body),
        };
        const response = await handleRequest(world, simRequest, target, clockWaits);
        return {
          response: {
            statusCode: response.status,
            headers: { ...response.headers },
            body: Readable.from([Buffer.from(response.body)]),
          },
        };
      } finally {
        inFlight -= 1;
      }
    },
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
    destroy: () => {},
    inFlight: () => inFlight,
    waitingOnClock: () => waitingOnClock,
  };
};
