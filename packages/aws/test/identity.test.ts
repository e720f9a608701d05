import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeContainerInstancesCommand,
  ECSClient,
  ListContainerInstancesCommand,
} from '@aws-sdk/client-ecs';
import test from 'ava';
import { mockClient } from 'aws-sdk-client-mock';
import * as E from 'fp-ts/lib/Either.js';
import { defaultGatewayUrl, parseDefaultGateway } from '../src/default-gateway.js';
import { type IdentityOptions, resolveIdentity } from '../src/identity.js';
import { CLUSTER, clientConfig, ec2Id, hostArn } from './fixtures.js';
import { deadUrl, json, type LocalServer, startServer } from './local-server.js';

const ecs = new ECSClient(clientConfig);
const ecsMock = mockClient(ecs);
const INSTANCE = 'i-0123456789abcdef0';

const options = (fields: Partial<IdentityOptions> = {}): IdentityOptions => ({
  ecsAgentUrls: [],
  cluster: CLUSTER,
  ecs,
  imds: { timeoutMs: 200, endpoint: 'http://127.0.0.1:9' },
  timeoutMs: 200,
  ...fields,
});

/** An IMDSv2 server: a token for a PUT with a TTL header, the instance id for a GET with that token. */
const imdsServer = () =>
  startServer((request, response) => {
    if (request.method === 'PUT' && request.url === '/latest/api/token') {
      if (!request.headers['x-aws-ec2-metadata-token-ttl-seconds']) return void response.writeHead(400).end();
      return void response.writeHead(200).end('token-1');
    }
    if (request.method === 'GET' && request.url === '/latest/meta-data/instance-id') {
      if (request.headers['x-aws-ec2-metadata-token'] !== 'token-1')
        return void response.writeHead(401).end();
      return void response.writeHead(200).end(INSTANCE);
    }
    response.writeHead(404).end();
  });

const servers: LocalServer[] = [];
const track = (server: LocalServer) => {
  servers.push(server);
  return server;
};

test.beforeEach(() => {
  ecsMock.reset();
  ecsMock.on(DescribeContainerInstancesCommand).callsFake((input: { containerInstances: string[] }) => ({
    containerInstances: input.containerInstances.map((arn) => ({
      containerInstanceArn: arn,
      ec2InstanceId: ec2Id(1),
    })),
  }));
  ecsMock.on(ListContainerInstancesCommand).resolves({ containerInstanceArns: [hostArn(1)] });
});

test.afterEach.always(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

test.serial('both overrides answer without any call', async (t) => {
  const result = await resolveIdentity(
    options({ overrides: { instanceId: INSTANCE, containerInstanceArn: hostArn(1) } }),
  );
  t.deepEqual(
    result,
    E.right({
      instanceId: INSTANCE,
      containerInstanceArn: hostArn(1),
      cluster: undefined,
      source: 'override',
    }),
  );
  t.is(ecsMock.calls().length, 0);
});

test.serial('an instance id override is completed by one ListContainerInstances', async (t) => {
  const result = await resolveIdentity(options({ overrides: { instanceId: INSTANCE } }));
  t.like(result, { right: { instanceId: INSTANCE, containerInstanceArn: hostArn(1), source: 'override' } });
  t.deepEqual(
    ecsMock.calls().map((c) => c.args[0].input),
    [{ cluster: CLUSTER, filter: `ec2InstanceId == ${INSTANCE}` }],
  );
});

test.serial('the ECS agent answers after an unreachable URL, and its cluster is used', async (t) => {
  const agent = track(
    await startServer((_, response) =>
      json(response, 200, { Cluster: 'agent-cluster', ContainerInstanceArn: hostArn(1), Version: '1.80.0' }),
    ),
  );
  const result = await resolveIdentity(options({ ecsAgentUrls: [await deadUrl(), agent.url] }));
  t.deepEqual(
    result,
    E.right({
      instanceId: ec2Id(1),
      containerInstanceArn: hostArn(1),
      cluster: 'agent-cluster',
      source: 'ecs-agent',
    }),
  );
  t.deepEqual(agent.requests, ['GET /v1/metadata']);
  t.deepEqual(
    ecsMock.commandCalls(DescribeContainerInstancesCommand).map((c) => c.args[0].input),
    [{ cluster: 'agent-cluster', containerInstances: [hostArn(1)] }],
  );
});

test.serial('an ECS agent not registered yet gives way to a READY metadata file', async (t) => {
  const agent = track(
    await startServer((_, response) => json(response, 200, { Cluster: null, ContainerInstanceArn: null })),
  );
  const file = join(await mkdtemp(join(tmpdir(), 'statika-')), 'metadata.json');
  await writeFile(
    file,
    JSON.stringify({ Cluster: CLUSTER, ContainerInstanceARN: hostArn(2), MetadataFileStatus: 'READY' }),
  );
  const result = await resolveIdentity(options({ ecsAgentUrls: [agent.url], metadataFile: file }));
  t.like(result, { right: { containerInstanceArn: hostArn(2), source: 'metadata-file', cluster: CLUSTER } });
});

test.serial(
  'a metadata file that is not READY gives way to IMDSv2 and one ListContainerInstances',
  async (t) => {
    const file = join(await mkdtemp(join(tmpdir(), 'statika-')), 'metadata.json');
    await writeFile(file, JSON.stringify({ Cluster: CLUSTER, MetadataFileStatus: 'NOT_READY' }));
    const imds = track(await imdsServer());
    const result = await resolveIdentity(
      options({ metadataFile: file, imds: { timeoutMs: 500, endpoint: imds.url } }),
    );
    t.deepEqual(
      result,
      E.right({ instanceId: INSTANCE, containerInstanceArn: hostArn(1), cluster: undefined, source: 'imds' }),
    );
    t.deepEqual(imds.requests, ['PUT /latest/api/token', 'GET /latest/meta-data/instance-id']);
    t.deepEqual(
      ecsMock.calls().map((c) => c.args[0].input),
      [{ cluster: CLUSTER, filter: `ec2InstanceId == ${INSTANCE}` }],
    );
  },
);

test.serial(
  'sources that hang cost about their timeout each, then a transient error names them all',
  async (t) => {
    const silent = track(await startServer(() => {}));
    const started = performance.now();
    const result = await resolveIdentity(
      options({ ecsAgentUrls: [silent.url], imds: { timeoutMs: 200, endpoint: silent.url }, timeoutMs: 200 }),
    );
    const elapsed = performance.now() - started;
    if (E.isRight(result)) return t.fail('expected a Left');
    t.like(result.left, { type: 'transient', code: 'IdentityUnavailable' });
    t.regex(result.left.message, /ECS agent at .*Timeout/);
    t.regex(result.left.message, /IMDSv2/);
    t.true(elapsed < 1500, `took ${elapsed} ms`);
    t.is(ecsMock.calls().length, 0);
  },
);

test.serial('an instance that is not a container instance yet is a transient error', async (t) => {
  ecsMock.on(ListContainerInstancesCommand).resolves({ containerInstanceArns: [] });
  const imds = track(await imdsServer());
  const result = await resolveIdentity(options({ imds: { timeoutMs: 500, endpoint: imds.url } }));
  t.like(result, { left: { type: 'transient', code: 'NotRegistered' } });
});

test('reads the default gateway from the route table', (t) => {
  const table = [
    'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
    'eth0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
    'eth0\t00000000\t010011AC\t0003\t0\t0\t0\t00000000\t0\t0\t0',
  ].join('\n');
  t.is(parseDefaultGateway(table), '172.17.0.1');
  t.is(parseDefaultGateway(table.split('\n').slice(0, 2).join('\n')), undefined);
});

test('defaultGatewayUrl is undefined without a route table', async (t) => {
  t.is(await defaultGatewayUrl('/nonexistent/route'), undefined);
});

test.serial(
  'an AWS error after the ECS agent answered is returned, not hidden by the next sources',
  async (t) => {
    ecsMock.on(DescribeContainerInstancesCommand).rejects(
      Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const agent = track(
      await startServer((_, response) =>
        json(response, 200, { Cluster: CLUSTER, ContainerInstanceArn: hostArn(1) }),
      ),
    );
    const imds = track(await imdsServer());
    const result = await resolveIdentity(
      options({ ecsAgentUrls: [agent.url], imds: { timeoutMs: 500, endpoint: imds.url } }),
    );
    t.like(result, {
      left: { type: 'throttled', code: 'ThrottlingException', operation: 'DescribeContainerInstances' },
    });
    t.deepEqual(imds.requests, []);
  },
);

test.serial('an ECS agent answer that cannot be read gives way to the next source', async (t) => {
  const agent = track(await startServer((_, response) => json(response, 200, { ContainerInstanceArn: 42 })));
  const imds = track(await imdsServer());
  const result = await resolveIdentity(
    options({ ecsAgentUrls: [agent.url], imds: { timeoutMs: 500, endpoint: imds.url } }),
  );
  t.like(result, { right: { source: 'imds' } });
});
