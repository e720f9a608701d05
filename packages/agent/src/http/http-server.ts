import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { AgentStatus } from '../agent-status.js';
import { isLive, isReady } from './probes.js';
import { statusView } from './status-view.js';

export interface HttpServerOptions {
  readonly host: string;
  /** 0 picks a free port; `RunningHttpServer.address` says which. */
  readonly port: number;
  /** The agent's latest status. */
  readonly status: () => AgentStatus;
  readonly registry: Registry;
  /** The agent's clock (its scheduler's `now`), so that `/healthz` compares like with like. */
  readonly now: () => number;
}

export interface RunningHttpServer {
  /** `host:port` as bound. */
  readonly address: string;
  readonly close: () => Promise<void>;
}

/** `/healthz`, `/readyz`, `/status` and `/metrics`; anything else is 404. Read-only: GET and HEAD only. */
export const startHttpServer = async (options: HttpServerOptions): Promise<RunningHttpServer> => {
  const startedAt = options.now();
  const server = createServer((req, res) => {
    handle(req, res, options, startedAt).catch((error: unknown) => {
      send(
        res,
        500,
        'text/plain; charset=utf-8',
        `${error instanceof Error ? error.message : String(error)}\n`,
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    address: `${host}:${bound.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

const handle = async (
  req: IncomingMessage,
  res: ServerResponse,
  options: HttpServerOptions,
  startedAt: number,
): Promise<void> => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
  }
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  switch (path) {
    case '/healthz': {
      const live = isLive(options.status(), options.now(), startedAt);
      return send(
        res,
        live ? 200 : 503,
        'text/plain; charset=utf-8',
        live ? 'ok\n' : 'the loop has not ticked for three intervals\n',
      );
    }
    case '/readyz': {
      const ready = isReady(options.status());
      return send(res, ready ? 200 : 503, 'text/plain; charset=utf-8', ready ? 'ready\n' : 'not ready\n');
    }
    case '/status':
      return send(
        res,
        200,
        'application/json; charset=utf-8',
        `${JSON.stringify(statusView(options.status()), null, 2)}\n`,
      );
    case '/metrics':
      return send(res, 200, options.registry.contentType, await options.registry.metrics());
    default:
      return send(
        res,
        404,
        'text/plain; charset=utf-8',
        'not found: try /healthz, /readyz, /status or /metrics\n',
      );
  }
};

const send = (res: ServerResponse, statusCode: number, contentType: string, body: string): void => {
  res.writeHead(statusCode, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
};
