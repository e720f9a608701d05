import { GetObjectCommand, NoSuchKey, S3ServiceException } from '@aws-sdk/client-s3';
import { MetadataService } from '@aws-sdk/ec2-metadata-service';
import test from 'ava';
import { HOST_A, HOST_B } from './fixtures.js';
import { httpStatus, startClients } from './sdk.js';

test('S3 GetObject answers the body and ETag; If-None-Match with that ETag answers 304', async (t) => {
  const { s3 } = await startClients(t);
  const object = await s3.send(new GetObjectCommand({ Bucket: 'statika', Key: 'configuration.json' }));
  t.is(await object.Body?.transformToString(), '{"cluster":"test","sleepTimeSeconds":5}');
  t.regex(object.ETag ?? '', /^"[0-9a-f]{32}"$/);
  t.is(object.ContentType, 'application/json');
  const error = await t.throwsAsync(
    s3.send(new GetObjectCommand({ Bucket: 'statika', Key: 'configuration.json', IfNoneMatch: object.ETag })),
  );
  // Like S3, a 304 has no body: the SDK names the error 'Unknown'; its status is what tells "unchanged".
  t.is(httpStatus(error), 304);
});

test('S3 GetObject answers a changed object with a new ETag', async (t) => {
  const { s3, world } = await startClients(t);
  const before = await s3.send(new GetObjectCommand({ Bucket: 'statika', Key: 'configuration.json' }));
  world.putObject('statika', 'configuration.json', '{"cluster":"test","sleepTimeSeconds":6}');
  const after = await s3.send(
    new GetObjectCommand({ Bucket: 'statika', Key: 'configuration.json', IfNoneMatch: before.ETag }),
  );
  t.is(await after.Body?.transformToString(), '{"cluster":"test","sleepTimeSeconds":6}');
  t.not(after.ETag, before.ETag);
});

test('S3 GetObject of a missing key is NoSuchKey (404); a denied one AccessDenied (403)', async (t) => {
  const { s3, world } = await startClients(t);
  const missing = await t.throwsAsync(
    s3.send(new GetObjectCommand({ Bucket: 'statika', Key: 'nope.json' })),
    {
      instanceOf: NoSuchKey,
    },
  );
  t.is(httpStatus(missing), 404);
  world.denyObject('statika', 'configuration.json');
  const denied = await t.throwsAsync(
    s3.send(new GetObjectCommand({ Bucket: 'statika', Key: 'configuration.json' })),
    {
      instanceOf: S3ServiceException,
    },
  );
  t.is(denied?.name, 'AccessDenied');
  t.is(httpStatus(denied), 403);
  const bucket = await t.throwsAsync(s3.send(new GetObjectCommand({ Bucket: 'other', Key: 'x' })));
  t.is(bucket?.name, 'NoSuchBucket');
});

test('S3 keys with slashes and spaces round-trip', async (t) => {
  const { s3, world } = await startClients(t);
  world.putObject('statika', 'env/prod/services file.json', '[]');
  const object = await s3.send(
    new GetObjectCommand({ Bucket: 'statika', Key: 'env/prod/services file.json' }),
  );
  t.is(await object.Body?.transformToString(), '[]');
});

test('each host serves IMDSv2: a token, then its own instance id', async (t) => {
  const { sim } = await startClients(t);
  for (const [index, instanceId] of [HOST_A, HOST_B].entries()) {
    const imds = new MetadataService({ endpoint: sim.hosts[index]!.url, httpOptions: { timeout: 1000 } });
    t.is(await imds.request('/latest/meta-data/instance-id', {}), instanceId);
  }
});

test('IMDS refuses reads without a valid token and token requests without a TTL', async (t) => {
  const { sim } = await startClients(t);
  const url = sim.hosts[0]!.url;
  t.is((await fetch(`${url}/latest/meta-data/instance-id`)).status, 401);
  t.is(
    (
      await fetch(`${url}/latest/meta-data/instance-id`, {
        headers: { 'x-aws-ec2-metadata-token': 'forged' },
      })
    ).status,
    401,
  );
  t.is((await fetch(`${url}/latest/api/token`, { method: 'PUT' })).status, 400);
  const token = await (
    await fetch(`${url}/latest/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
    })
  ).text();
  const other = sim.hosts[1]!.url;
  t.is(
    (await fetch(`${other}/latest/meta-data/instance-id`, { headers: { 'x-aws-ec2-metadata-token': token } }))
      .status,
    401,
    'a token is only good on the host that issued it',
  );
});

test('the ECS agent API answers /v1/metadata and /v1/tasks for its host', async (t) => {
  const { sim, world } = await startClients(t);
  const url = sim.hosts[0]!.url;
  const metadata = (await (await fetch(`${url}/v1/metadata`)).json()) as Record<string, unknown>;
  t.deepEqual(metadata, {
    Cluster: 'test',
    ContainerInstanceArn: world.hosts()[0]?.containerInstanceArn,
    Version: 'Amazon ECS Agent - v1.85.0 (*a1b2c3d4)',
  });
  const tasks = (await (await fetch(`${url}/v1/tasks`)).json()) as {
    Tasks: {
      Arn: string;
      Family: string;
      KnownStatus: string;
      Containers: { Name: string; Ports?: unknown[] }[];
    }[];
  };
  const web = tasks.Tasks.find((task) => task.Family === 'web');
  t.is(web?.KnownStatus, 'RUNNING');
  t.deepEqual(web?.Containers[0]?.Ports, [
    { ContainerPort: 8080, Protocol: 'tcp', HostPort: 32768, HostIp: '0.0.0.0' },
  ]);
  const hostB = (await (await fetch(`${sim.hosts[1]!.url}/v1/tasks`)).json()) as { Tasks: unknown[] };
  t.deepEqual(hostB.Tasks, []);
  const one = (await (await fetch(`${url}/v1/tasks?taskarn=${encodeURIComponent(web!.Arn)}`)).json()) as {
    Arn: string;
  };
  t.is(one.Arn, web!.Arn);
});

test('the ECS agent API shows a pending task without host ports', async (t) => {
  const { sim, world } = await startClients(t);
  // Pending for a minute of real time, so a slow machine still reads it before it runs.
  world.deploy('api', { startDelayMs: 60_000 });
  const tasks = (await (await fetch(`${sim.hosts[0]!.url}/v1/tasks`)).json()) as {
    Tasks: { KnownStatus: string; Containers: { Ports?: unknown[] }[] }[];
  };
  const pending = tasks.Tasks.find((task) => task.KnownStatus === 'PENDING');
  t.deepEqual(pending?.Containers[0]?.Ports, [{ ContainerPort: 9000, Protocol: 'tcp' }]);
});

test('env points the SDK variables at the AWS endpoint and the chosen host', async (t) => {
  const { sim } = await startClients(t);
  const env = sim.env(HOST_B);
  t.is(env.AWS_ENDPOINT_URL_ECS, sim.awsUrl);
  t.is(env.AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING, sim.awsUrl);
  t.is(env.AWS_ENDPOINT_URL_S3, sim.awsUrl);
  t.is(env.AWS_EC2_METADATA_SERVICE_ENDPOINT, sim.hosts[1]?.url);
  t.is(env.STATIKA_ECS_AGENT_URL, sim.hosts[1]?.url);
  t.is(env.AWS_REGION, 'us-east-1');
  t.truthy(env.AWS_ACCESS_KEY_ID);
  t.is(sim.env().STATIKA_ECS_AGENT_URL, sim.hosts[0]?.url);
  t.regex(sim.awsUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
});
