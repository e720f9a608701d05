import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleRequest } from './protocol/handle-request.js';
import type { SimRequest, SimTarget } from './protocol/sim-request.js';
import type { World } from './world.js';

export interface StartSimOptions {
  readonly host?: '127.0.0.1';
  /** Port of the AWS endpoint; host endpoints take the following ports. Default: random ports. */
  readonly port?: number;
}

export interface RunningSim {
  /** ECS, ELB and S3 on one endpoint. */
  readonly awsUrl: string;
  /** Each host's IMDS and ECS agent introspection API on one endpoint. */
  readonly hosts: readonly { instanceId: string; url: string }[];
  /** Environment that points the SDK and a Statika agent at the sim, as one host (default: the first). */
  env(instanceId?: string): Record<string, string>;
  close(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
};

const toSimRequest = async (request: IncomingMessage): Promise<SimRequest> => {
  // Not `new URL(…)`: a path starting with `//` (the metadata client sends one) would read as a host name.
  const raw = request.url ?? '/';
  const mark = raw.indexOf('?');
  const path = mark < 0 ? raw : raw.slice(0, mark);
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(mark < 0 ? '' : raw.slice(mark + 1))) {
    const existing = query[key];
    query[key] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([k, v]) => [
      k.toLowerCase(),
      Array.isArray(v) ? v.join(', ') : (v ?? ''),
    ]),
  );
  return {
    method: request.method ?? 'GET',
    path,
    query,
    headers,
    body: await readBody(request),
  };
};

const serve =
  (world: World, target: SimTarget) =>
  (request: IncomingMessage, response: ServerResponse): void => {
    toSimRequest(request)
      .then((simRequest) => handleRequest(world, simRequest, target))
      .then((answer) => {
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
  };

const listen = (server: Server, host: string, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/** Serves the world over HTTP on 127.0.0.1: one AWS endpoint, and one endpoint per host. */
export const startSim = async (world: World, options: StartSimOptions = {}): Promise<RunningSim> => {
  const host = options.host ?? '127.0.0.1';
  const servers: Server[] = [];
  const start = async (target: SimTarget, port: number): Promise<string> => {
    const server = createServer(serve(world, target));
    servers.push(server);
    return `http://${host}:${await listen(server, host, port)}`;
  };
  try {
    const awsUrl = await start({ kind: 'aws' }, options.port ?? 0);
    const hosts: { instanceId: string; url: string }[] = [];
    for (const [index, h] of world.hosts().entries()) {
      const port = options.port === undefined || options.port === 0 ? 0 : options.port + 1 + index;
      hosts.push({
        instanceId: h.instanceId,
        url: await start({ kind: 'host', instanceId: h.instanceId }, port),
      });
    }
    return {
      awsUrl,
      hosts,
      env: (instanceId) => {
        const hostUrl = (instanceId === undefined ? hosts[0] : hosts.find((h) => h.instanceId === instanceId))
          ?.url;
        if (hostUrl === undefined) throw new Error(`no host ${instanceId ?? '(the world has none)'}`);
        return {
          AWS_ENDPOINT_URL_ECS: awsUrl,
          AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING: awsUrl,
          AWS_ENDPOINT_URL_S3: awsUrl,
          AWS_EC2_METADATA_SERVICE_ENDPOINT: hostUrl,
          STATIKA_ECS_AGENT_URL: hostUrl,
          AWS_REGION: world.region,
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        };
      },
      close: async () => {
        await Promise.all(servers.map(close));
      },
    };
  } catch (error) {
    await Promise.all(servers.map(close));
    throw error;
  }
};
