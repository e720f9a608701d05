import { statusForCode } from '../faults.js';
import type { SimHost } from '../sim-host.js';
import type { SimTask } from '../task.js';
import type { World } from '../world.js';
import { ApiError, type SimResponse } from './sim-request.js';

/** ECS, JSON 1.1 (`X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Op>`). */
export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.';
const MAX_IDS = 100;
const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const ecsResponse = (body: JsonObject, requestId: string): SimResponse => ({
  status: 200,
  headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId },
  body: JSON.stringify(body),
});

export const ecsError = (
  code: string,
  message: string,
  requestId: string,
  status = statusForCode(code),
): SimResponse => ({
  status,
  headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId },
  body: JSON.stringify({ __type: code, message }),
});

/** Epoch seconds, as ECS's JSON carries timestamps. */
const seconds = (ms: number | undefined): Json => (ms === undefined ? null : ms / 1000);

const withoutNulls = (o: { [key: string]: Json }): JsonObject =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));

// ---- reading the request ----

const serialization = (field: string, expected: string) =>
  new ApiError('SerializationException', `Cannot deserialize '${field}': expected ${expected}`);
const invalid = (message: string) => new ApiError('InvalidParameterException', message);

const optionalString = (input: JsonObject, field: string): string | undefined => {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serialization(field, 'a string');
  return value;
};

const optionalInteger = (input: JsonObject, field: string): number | undefined => {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serialization(field, 'an integer');
  return value;
};

const stringList = (input: JsonObject, field: string): string[] => {
  const value = input[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw serialization(field, 'a list of strings');
  return value as string[];
};

const idList = (input: JsonObject, field: string, what: string): string[] => {
  const ids = stringList(input, field);
  if (ids.length === 0) throw invalid(`${what} cannot be empty.`);
  if (ids.length > MAX_IDS) throw invalid(`${what} can have at most ${MAX_IDS} items.`);
  return ids;
};

const maxResults = (input: JsonObject): number => {
  const value = optionalInteger(input, 'maxResults') ?? MAX_IDS;
  if (value < 1 || value > MAX_IDS) throw invalid('maxResults must be between 1 and 100.');
  return value;
};

const requireCluster = (world: World, input: JsonObject): void => {
  const cluster = optionalString(input, 'cluster') ?? 'default';
  if (cluster !== world.cluster && cluster !== world.clusterArn) {
    throw new ApiError('ClusterNotFoundException', 'Cluster not found.');
  }
};

/** Pages of ARNs, in ARN order; the token names the last ARN handed out, so pruning never skips one. */
const paginate = (arns: readonly string[], input: JsonObject): { page: string[]; rest: JsonObject } => {
  const token = optionalString(input, 'nextToken');
  const limit = maxResults(input);
  const sorted = [...arns].sort();
  let start = 0;
  if (token !== undefined) {
    const after = Buffer.from(token, 'base64').toString('utf8');
    if (!after.startsWith('after:')) throw invalid('Invalid nextToken.');
    const last = after.slice('after:'.length);
    start = sorted.findIndex((arn) => arn > last);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  const lastArn = page.at(-1);
  return {
    page,
    rest:
      more && lastArn !== undefined ? { nextToken: Buffer.from(`after:${lastArn}`).toString('base64') } : {},
  };
};

// ---- writing the answer ----

const taskJson = (world: World, task: SimTask): JsonObject =>
  withoutNulls({
    taskArn: task.taskArn,
    clusterArn: world.clusterArn,
    taskDefinitionArn: task.taskDefinitionArn,
    containerInstanceArn: task.containerInstanceArn,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    healthStatus: task.healthStatus,
    group: task.group ?? `family:${task.family}`,
    startedBy: task.serviceName === undefined ? null : `ecs-svc/${task.serviceName}`,
    launchType: 'EC2',
    version: task.version,
    cpu: '256',
    memory: '512',
    createdAt: seconds(task.createdAt),
    startedAt: seconds(task.startedAt),
    stoppingAt: seconds(task.stoppingAt),
    stoppedAt: seconds(task.stoppedAt),
    stoppedReason: task.stoppedReason ?? null,
    stopCode:
      task.stoppedAt === undefined ? null : task.serviceName ? 'ServiceSchedulerInitiated' : 'UserInitiated',
    attachments: [],
    tags: [],
    overrides: { containerOverrides: [] },
    containers: task.containers.map((c) =>
      withoutNulls({
        containerArn: c.containerArn,
        taskArn: task.taskArn,
        name: c.name,
        runtimeId: c.dockerId,
        lastStatus: c.lastStatus,
        exitCode: c.exitCode ?? null,
        healthStatus: c.healthStatus,
        networkBindings: c.networkBindings.map((b) => ({
          bindIP: b.bindIP ?? '0.0.0.0',
          containerPort: b.containerPort,
          hostPort: b.hostPort,
          protocol: b.protocol,
        })),
        networkInterfaces: [],
      }),
    ),
  });

const containerInstanceJson = (world: World, host: SimHost): JsonObject => {
  const tasks = world.internals.ecs.tasks().filter((t) => t.instanceId === host.instanceId);
  return {
    containerInstanceArn: host.containerInstanceArn,
    ec2InstanceId: host.instanceId,
    version: 1,
    versionInfo: { agentVersion: '1.85.0', agentHash: 'a1b2c3d4', dockerVersion: 'DockerVersion: 20.10.25' },
    status: host.status,
    agentConnected: true,
    runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTasksCount: tasks.filter((t) => t.lastStatus === 'PENDING').length,
    registeredAt: seconds(host.registeredAt),
    registeredResources: [],
    remainingResources: [],
    attributes: [],
    attachments: [],
    tags: [],
  };
};

/** `ec2InstanceId == i-…`: the one filter expression Statika uses. */
const parseFilter = (filter: string): string => {
  const match = /^\s*ec2InstanceId\s*==\s*['"]?([\w-]+)['"]?\s*$/.exec(filter);
  if (match?.[1] === undefined) throw invalid(`Unsupported filter expression: ${filter}`);
  return match[1];
};

/** Serves one ECS operation; throws ApiError for a request AWS would refuse. */
export const serveEcs = (
  world: World,
  operation: string,
  input: JsonObject,
  requestId: string,
): SimResponse => {
  const ecs = world.internals.ecs;
  switch (operation) {
    case 'ListTasks': {
      requireCluster(world, input);
      const containerInstance = optionalString(input, 'containerInstance');
      const family = optionalString(input, 'family');
      const serviceName = optionalString(input, 'serviceName');
      const desiredStatus = optionalString(input, 'desiredStatus') ?? 'RUNNING';
      if (!['RUNNING', 'PENDING', 'STOPPED'].includes(desiredStatus)) {
        throw invalid('desiredStatus must be one of RUNNING, PENDING, STOPPED.');
      }
      if (serviceName !== undefined && !ecs.hasService(serviceName)) {
        throw new ApiError('ServiceNotFoundException', 'Service not found.');
      }
      const host = containerInstance === undefined ? undefined : ecs.hostByArn(containerInstance);
      if (containerInstance !== undefined && host === undefined) {
        throw invalid(`Container instance ${containerInstance} not found.`);
      }
      const arns = ecs
        .tasks()
        .filter(
          (t) =>
            t.desiredStatus === desiredStatus &&
            (host === undefined || t.instanceId === host.instanceId) &&
            (family === undefined || t.family === family) &&
            (serviceName === undefined || t.serviceName === serviceName),
        )
        .map((t) => t.taskArn);
      const { page, rest } = paginate(arns, input);
      return ecsResponse({ taskArns: page, ...rest }, requestId);
    }
    case 'DescribeTasks': {
      requireCluster(world, input);
      const ids = idList(input, 'tasks', 'Tasks');
      const found = ids.map((id) => ({ id, task: ecs.task(id) }));
      return ecsResponse(
        {
          tasks: found.flatMap(({ task }) => (task === undefined ? [] : [taskJson(world, task)])),
          failures: found
            .filter(({ task }) => task === undefined)
            .map(({ id }) => ({ arn: id, reason: 'MISSING' })),
        },
        requestId,
      );
    }
    case 'ListContainerInstances': {
      requireCluster(world, input);
      const filter = optionalString(input, 'filter');
      const status = optionalString(input, 'status');
      const ec2InstanceId = filter === undefined ? undefined : parseFilter(filter);
      const arns = ecs
        .hosts()
        .filter(
          (h) =>
            (ec2InstanceId === undefined || h.instanceId === ec2InstanceId) &&
            (status === undefined || h.status === status),
        )
        .map((h) => h.containerInstanceArn);
      const { page, rest } = paginate(arns, input);
      return ecsResponse({ containerInstanceArns: page, ...rest }, requestId);
    }
    case 'DescribeContainerInstances': {
      requireCluster(world, input);
      const ids = idList(input, 'containerInstances', 'ContainerInstances');
      const found = ids.map((id) => ({ id, host: ecs.hostByArn(id) }));
      return ecsResponse(
        {
          containerInstances: found.flatMap(({ host }) =>
            host === undefined ? [] : [containerInstanceJson(world, host)],
          ),
          failures: found
            .filter(({ host }) => host === undefined)
            .map(({ id }) => ({ arn: id, reason: 'MISSING' })),
        },
        requestId,
      );
    }
    default:
      throw new ApiError('UnknownOperationException', `Unknown operation ${operation}`);
  }
};

/** The request body as a JSON object, or the SerializationException AWS answers. */
export const parseEcsInput = (body: string): JsonObject => {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw new ApiError('SerializationException', 'Request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError('SerializationException', 'Request body must be a JSON object');
  }
  return parsed as JsonObject;
};
