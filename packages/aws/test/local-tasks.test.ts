import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { localTasksReader, parseLocalTasks, readLocalTasks } from '../src/local-tasks.js';
import { deadUrl, json, type LocalServer, startServer } from './local-server.js';

const serve = (status: number, body: unknown): Promise<LocalServer> =>
  startServer((_, response) => json(response, status, body));

test('reads families, statuses and host ports, a missing or zero HostPort being absent', async (t) => {
  const agent = await serve(200, {
    Tasks: [
      {
        Arn: 'arn:aws:ecs:eu-west-1:1:task/prod/t1',
        DesiredStatus: 'RUNNING',
        KnownStatus: 'RUNNING',
        Family: 'web',
        Version: '7',
        Containers: [
          {
            DockerId: 'abc',
            Name: 'app',
            Ports: [
              { ContainerPort: 8080, Protocol: 'tcp', HostPort: 32768, HostIp: '0.0.0.0' },
              { ContainerPort: 9090, Protocol: 'tcp' },
              { ContainerPort: 9091, Protocol: 'udp', HostPort: 0 },
            ],
          },
          { DockerId: 'def', Name: 'sidecar' },
        ],
      },
      {
        Arn: 'arn:aws:ecs:eu-west-1:1:task/prod/t2',
        DesiredStatus: 'STOPPED',
        KnownStatus: 'RUNNING',
        Family: 'web',
      },
    ],
  });
  const result = await readLocalTasks(agent.url);
  await agent.close();
  t.deepEqual(
    result,
    E.right([
      {
        arn: 'arn:aws:ecs:eu-west-1:1:task/prod/t1',
        family: 'web',
        desiredStatus: 'RUNNING',
        knownStatus: 'RUNNING',
        containers: [
          {
            name: 'app',
            ports: [
              { containerPort: 8080, protocol: 'tcp', hostPort: 32768 },
              { containerPort: 9090, protocol: 'tcp' },
              { containerPort: 9091, protocol: 'udp' },
            ],
          },
          { name: 'sidecar', ports: [] },
        ],
      },
      {
        arn: 'arn:aws:ecs:eu-west-1:1:task/prod/t2',
        family: 'web',
        desiredStatus: 'STOPPED',
        knownStatus: 'RUNNING',
        containers: [],
      },
    ]),
  );
  t.deepEqual(agent.requests, ['GET /v1/tasks']);
});

test('no tasks at all is an empty list', async (t) => {
  const agent = await serve(200, { Tasks: null });
  t.deepEqual(await readLocalTasks(agent.url), E.right([]));
  await agent.close();
});

test('an unexpected answer is a Malformed error', async (t) => {
  const agent = await serve(200, { Tasks: 'nope' });
  t.like(await readLocalTasks(agent.url), { left: { code: 'Malformed', service: 'ecs-agent' } });
  await agent.close();
});

test('an agent that is not there is a transient network error', async (t) => {
  t.like(await readLocalTasks(await deadUrl()), {
    left: { type: 'transient', code: 'Network', service: 'ecs-agent' },
  });
});

test('an agent that does not answer times out', async (t) => {
  const silent = await startServer(() => {});
  t.like(await readLocalTasks(silent.url, 100), { left: { type: 'transient', code: 'Timeout' } });
  await silent.close();
});

test('an agent error status is an error with its status', async (t) => {
  const agent = await serve(500, {});
  t.like(await readLocalTasks(agent.url), { left: { type: 'transient', code: 'ServerError' } });
  await agent.close();
});

test('an unchanged answer returns the same list without reading it again; a changed one is read', async (t) => {
  let family = 'web';
  const agent = await startServer((_, response) =>
    json(response, 200, { Tasks: [{ Arn: 'arn:aws:ecs:eu-west-1:1:task/prod/t1', Family: family }] }),
  );
  const read = localTasksReader(agent.url);
  const first = await read();
  const second = await read();
  family = 'api';
  const third = await read();
  await agent.close();
  if (E.isLeft(first) || E.isLeft(second) || E.isLeft(third)) return t.fail('an agent error');
  t.is(second.right, first.right);
  t.like(third.right, [{ family: 'api' }]);
  t.is(agent.requests.length, 3);
});

test('polls reuse one kept-alive connection', async (t) => {
  const ports = new Set<number | undefined>();
  const agent = await startServer((request, response) => {
    ports.add(request.socket.remotePort);
    json(response, 200, { Tasks: [] });
  });
  const read = localTasksReader(agent.url);
  for (let i = 0; i < 3; i++) t.true(E.isRight(await read()));
  await agent.close();
  t.is(ports.size, 1);
});

test('parseLocalTasks turns a body that is not JSON into a transient Malformed error naming its source', (t) => {
  const parsed = parseLocalTasks('<html>', 'http://127.0.0.1:51678/v1/tasks');
  if (E.isRight(parsed)) return t.fail('expected an error');
  t.like(parsed.left, { type: 'transient', code: 'Malformed', resource: 'http://127.0.0.1:51678/v1/tasks' });
});
