import type { SimTask } from '../task.js';
import type { World } from '../world.js';
import { firstQueryValue, type SimRequest, type SimResponse } from './sim-request.js';

/**
 * One host's local endpoints: IMDSv2 (`/latest/...`) and the ECS agent's introspection API (`/v1/...`),
 * served together so that AWS_EC2_METADATA_SERVICE_ENDPOINT and STATIKA_ECS_AGENT_URL name one host.
 */

const MAX_TOKEN_TTL_SECONDS = 21600;
export const AGENT_VERSION = 'Amazon ECS Agent - v1.85.0 (*a1b2c3d4)';

const text = (status: number, body: string, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { 'content-type': 'text/plain', ...headers },
  body,
});

const json = (status: number, body: unknown): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The SDK joins the endpoint's path and its own (`//latest/api/token`): collapse the slashes. */
export const normalizeHostPath = (path: string): string => path.replace(/\/{2,}/g, '/');

export const hostOperation = (request: SimRequest): { service: 'imds' | 'agent'; operation: string } => {
  const path = normalizeHostPath(request.path);
  if (path === '/latest/api/token') return { service: 'imds', operation: 'GetToken' };
  if (path.startsWith('/latest/')) return { service: 'imds', operation: 'GetMetadata' };
  if (path === '/v1/metadata') return { service: 'agent', operation: 'AgentMetadata' };
  if (path === '/v1/tasks') return { service: 'agent', operation: 'AgentTasks' };
  return { service: 'agent', operation: 'Unknown' };
};

const agentTaskJson = (task: SimTask) => ({
  Arn: task.taskArn,
  DesiredStatus: task.desiredStatus,
  KnownStatus: task.lastStatus,
  Family: task.family,
  Version: String(task.revision),
  Containers: task.containers.map((c) => ({
    DockerId: c.dockerId,
    DockerName: `ecs-${task.family}-${task.revision}-${c.name}-${c.dockerId.slice(0, 16)}`,
    Name: c.name,
    // A dynamic port not yet bound shows no HostPort; a stopped container holds none.
    ...(task.lastStatus === 'STOPPED'
      ? {}
      : {
          Ports: c.ports.map((p) =>
            task.lastStatus === 'RUNNING'
              ? {
                  ContainerPort: p.containerPort,
                  Protocol: p.protocol,
                  HostPort: p.hostPort,
                  HostIp: '0.0.0.0',
                }
              : { ContainerPort: p.containerPort, Protocol: p.protocol },
          ),
        }),
  })),
});

const serveImds = (world: World, instanceId: string, request: SimRequest, path: string): SimResponse => {
  if (request.headers['x-forwarded-for'] !== undefined) return text(403, 'Forbidden');
  if (path === '/latest/api/token') {
    if (request.method !== 'PUT') return text(405, 'Method Not Allowed');
    const ttl = Number(request.headers['x-aws-ec2-metadata-token-ttl-seconds']);
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_TTL_SECONDS) return text(400, 'Bad Request');
    return text(200, world.internals.issueToken(instanceId, ttl), {
      'x-aws-ec2-metadata-token-ttl-seconds': String(ttl),
    });
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method Not Allowed');
  // IMDSv2 only: every read needs a valid token.
  const token = request.headers['x-aws-ec2-metadata-token'];
  if (token === undefined || !world.internals.validToken(instanceId, token)) return text(401, 'Unauthorized');
  const values: Record<string, string> = {
    '/latest/meta-data/instance-id': instanceId,
    '/latest/meta-data/placement/region': world.region,
    '/latest/meta-data/placement/availability-zone': `${world.region}a`,
    '/latest/meta-data/local-ipv4': '10.0.0.10',
  };
  const value = values[path.replace(/\/$/, '')];
  if (path === '/latest/meta-data' || path === '/latest/meta-data/') {
    return text(200, 'instance-id\nlocal-ipv4\nplacement/');
  }
  return value === undefined ? text(404, 'Not Found') : text(200, value);
};

const serveAgent = (world: World, instanceId: string, request: SimRequest, path: string): SimResponse => {
  if (request.method !== 'GET') return text(405, 'Method Not Allowed');
  const ecs = world.internals.ecs;
  const host = ecs.host(instanceId);
  if (path === '/v1/metadata') {
    return json(200, {
      Cluster: world.cluster,
      ContainerInstanceArn: host?.containerInstanceArn ?? null,
      Version: AGENT_VERSION,
    });
  }
  if (path === '/v1/tasks') {
    const tasks = ecs.tasks().filter((t) => t.instanceId === instanceId);
    const taskArn = firstQueryValue(request, 'taskarn');
    const dockerId = firstQueryValue(request, 'dockerid');
    if (taskArn !== undefined || dockerId !== undefined) {
      const task = tasks.find(
        (t) =>
          t.taskArn === taskArn ||
          t.containers.some((c) => dockerId !== undefined && c.dockerId.startsWith(dockerId)),
      );
      return task === undefined
        ? json(404, { error: 'Unable to find task' })
        : json(200, agentTaskJson(task));
    }
    return json(200, { Tasks: tasks.map(agentTaskJson) });
  }
  return json(404, { error: `Unknown path ${path}` });
};

export const serveHost = (world: World, instanceId: string, request: SimRequest): SimResponse => {
  const path = normalizeHostPath(request.path);
  return path.startsWith('/latest/')
    ? serveImds(world, instanceId, request, path)
    : serveAgent(world, instanceId, request, path);
};
