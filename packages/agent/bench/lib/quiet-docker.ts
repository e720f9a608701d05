import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface QuietDocker {
  readonly socketPath: string;
  /** `GET /events` requests received: one per connection of the agent's local watch. */
  readonly connections: () => number;
  close(): Promise<void>;
}

/**
 * The Docker Engine's event stream of a steady host, for the process benchmark: a unix socket that answers
 * `GET /events` and keeps the stream open without an event, as a daemon does while no container of an
 * ECS task changes. (The rows measure the agent at rest; what an event costs is a read of the ECS agent's
 * `/v1/tasks`, the same as one poll.)
 */
export const startQuietDocker = async (): Promise<QuietDocker> => {
  const dir = mkdtempSync(join(tmpdir(), 'statika-bench-docker-'));
  const socketPath = join(dir, 'docker.sock');
  const streams: ServerResponse[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    if (!request.url?.startsWith('/events')) {
      response.writeHead(404).end();
      return;
    }
    connections += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.flushHeaders();
    streams.push(response);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    connections: () => connections,
    close: async () => {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
