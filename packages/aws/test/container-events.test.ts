import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { type ContainerEvent, ECS_FAMILY_LABEL, watchContainerEvents } from '../src/container-events.js';

/** A fake Docker Engine on a unix socket: answers /events and keeps the stream open for the test to write to. */
const fakeDocker = async (status = 200) => {
  const dir = mkdtempSync(join(tmpdir(), 'statika-docker-'));
  const socketPath = join(dir, 'docker.sock');
  const streams: ServerResponse[] = [];
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.writeHead(status, { 'content-type': 'application/json' });
    if (status !== 200) response.end('{"message":"denied"}');
    else {
      response.flushHeaders();
      streams.push(response);
    }
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    paths,
    send: (text: string) => {
      for (const s of streams) s.write(text);
    },
    endStreams: () => {
      for (const s of streams) s.end();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const containerEvent = (action: string, attributes: Record<string, string>) =>
  `${JSON.stringify({ Type: 'container', Action: action, Actor: { ID: 'abc', Attributes: attributes } })}\n`;

/** Collects what the watch reports, and waits for a condition with a real-time deadline. */
const collect = (socketPath: string) => {
  const events: ContainerEvent[] = [];
  const ends: string[] = [];
  const close = watchContainerEvents(socketPath, {
    onEvent: (event) => events.push(event),
    onEnd: (reason) => ends.push(reason),
  });
  const until = async (what: string, ok: () => boolean) => {
    const deadline = Date.now() + 5000;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { events, ends, close, until };
};

test('asks the daemon for the container events of ECS tasks only, and reports the connection', async (t) => {
  const docker = await fakeDocker();
  const watch = collect(docker.socketPath);
  await watch.until('connected', () => watch.events.length === 1);
  t.deepEqual(watch.events, [{ type: 'connected' }]);
  const query = new URL(docker.paths[0] ?? '', 'http://docker').searchParams.get('filters') ?? '';
  t.deepEqual(JSON.parse(query), {
    type: ['container'],
    event: ['start', 'kill', 'stop', 'die'],
    label: [ECS_FAMILY_LABEL],
  });
  watch.close();
  await docker.close();
  t.deepEqual(watch.ends, [], 'closing is not an end to report');
});

test('each change of an ECS container is told with its family, lines split across chunks included', async (t) => {
  const docker = await fakeDocker();
  const watch = collect(docker.socketPath);
  await watch.until('connected', () => watch.events.length === 1);
  const start = containerEvent('start', { [ECS_FAMILY_LABEL]: 'web', name: 'ecs-web-1' });
  docker.send(start.slice(0, 20));
  docker.send(start.slice(20) + containerEvent('kill', { [ECS_FAMILY_LABEL]: 'api', signal: '15' }));
  await watch.until('two changes', () => watch.events.length === 3);
  t.deepEqual(watch.events.slice(1), [
    { type: 'changed', family: 'web', action: 'start' },
    { type: 'changed', family: 'api', action: 'kill' },
  ]);
  watch.close();
  await docker.close();
});

test('lines that are not container events of an ECS task are skipped', async (t) => {
  const docker = await fakeDocker();
  const watch = collect(docker.socketPath);
  await watch.until('connected', () => watch.events.length === 1);
  docker.send('not json\n');
  docker.send(`${JSON.stringify({ Type: 'network', Action: 'connect' })}\n`);
  docker.send(containerEvent('start', { name: 'not-an-ecs-container' }));
  docker.send(containerEvent('die', { [ECS_FAMILY_LABEL]: 'web' }));
  await watch.until('the one change', () => watch.events.length === 2);
  t.deepEqual(watch.events[1], { type: 'changed', family: 'web', action: 'die' });
  watch.close();
  await docker.close();
});

test('a stream that ends is reported once, with the reason', async (t) => {
  const docker = await fakeDocker();
  const watch = collect(docker.socketPath);
  await watch.until('connected', () => watch.events.length === 1);
  docker.endStreams();
  await watch.until('the end', () => watch.ends.length === 1);
  t.regex(watch.ends[0] ?? '', /ended/);
  await docker.close();
  t.is(watch.ends.length, 1);
});

test('a refused request and a missing socket end the watch without connecting', async (t) => {
  const docker = await fakeDocker(403);
  const refused = collect(docker.socketPath);
  await refused.until('the end', () => refused.ends.length === 1);
  t.regex(refused.ends[0] ?? '', /answered 403/);
  await docker.close();
  const missing = collect(join(tmpdir(), 'statika-no-such-dir', 'docker.sock'));
  await missing.until('the end', () => missing.ends.length === 1);
  t.regex(missing.ends[0] ?? '', /ENOENT/);
  t.deepEqual([...refused.events, ...missing.events], []);
});
