import { readFile } from 'node:fs/promises';
import {
  DescribeContainerInstancesCommand,
  type ECSClient,
  ListContainerInstancesCommand,
} from '@aws-sdk/client-ecs';
import { MetadataService } from '@aws-sdk/ec2-metadata-service';
import { containerInstanceArn, instanceId } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { attempt } from './classify-failure.js';
import type { Identity } from './contract.js';
import { AgentMetadata, ContainerMetadataFile, decodeAnswer, getAgentJson } from './ecs-agent-api.js';
import { type Failure, invalid, transient } from './failure.js';

export interface IdentityOptions {
  /** `STATIKA_INSTANCE_ID`, `STATIKA_CONTAINER_INSTANCE_ARN` or the flags. */
  readonly overrides?: { readonly instanceId?: string; readonly containerInstanceArn?: string };
  /** ECS agent base URLs, tried in order: `[STATIKA_ECS_AGENT_URL]` or `['http://localhost:51678', gateway]`. */
  readonly ecsAgentUrls: readonly string[];
  /** `ECS_CONTAINER_METADATA_FILE`, when set. */
  readonly metadataFile?: string;
  /** The configured cluster (the ECS agent's own cluster wins when it reports one). */
  readonly cluster: string;
  readonly ecs: ECSClient;
  /** IMDSv2; the endpoint defaults to `AWS_EC2_METADATA_SERVICE_ENDPOINT`, then 169.254.169.254. */
  readonly imds?: { readonly timeoutMs?: number; readonly endpoint?: string };
  /** Per source, default 1000 ms: an unreachable source costs about this much, then the next is tried. */
  readonly timeoutMs?: number;
}

/** A source either answers, or is skipped (with the reason, for the error if none answers). */
type SourceResult = { readonly found: Identity } | { readonly skipped: string };
type Source = () => Promise<E.Either<Failure, SourceResult>>;

const DEFAULT_TIMEOUT_MS = 1000;
const INSTANCE_ID = /^i-[0-9a-f]{8,32}$/;

const skipped = (reason: string) => E.right({ skipped: reason });

/** The EC2 instance of a container instance: one DescribeContainerInstances. */
const instanceIdOf = async (
  ecs: ECSClient,
  cluster: string,
  arn: string,
): Promise<E.Either<Failure, string>> => {
  const answer = await attempt('ecs', 'DescribeContainerInstances', arn, () =>
    ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: [arn] })),
  );
  if (E.isLeft(answer)) return answer;
  const id = answer.right.containerInstances?.[0]?.ec2InstanceId;
  if (id) return E.right(id);
  const reason = answer.right.failures?.[0]?.reason ?? 'no ec2InstanceId';
  // ECS answers for a container instance it has only just registered a little later.
  return E.left(
    transient({
      service: 'ecs',
      operation: 'DescribeContainerInstances',
      resource: arn,
      code: 'NotFound',
      message: `container instance ${arn} in cluster ${cluster}: ${reason}`,
    }),
  );
};

/** The container instance of an EC2 instance: one ListContainerInstances with a cluster query filter. */
const containerInstanceOf = async (
  ecs: ECSClient,
  cluster: string,
  ec2InstanceId: string,
): Promise<E.Either<Failure, string>> => {
  const base = { service: 'ecs', operation: 'ListContainerInstances', resource: ec2InstanceId } as const;
  // The id goes into a query expression: accept only what an instance id looks like.
  if (!INSTANCE_ID.test(ec2InstanceId)) {
    return E.left(
      invalid({
        ...base,
        code: 'InvalidInstanceId',
        message: `not an EC2 instance id: ${ec2InstanceId}`,
      }),
    );
  }
  const answer = await attempt('ecs', 'ListContainerInstances', ec2InstanceId, () =>
    ecs.send(new ListContainerInstancesCommand({ cluster, filter: `ec2InstanceId == ${ec2InstanceId}` })),
  );
  if (E.isLeft(answer)) return answer;
  const arn = answer.right.containerInstanceArns?.[0];
  return arn
    ? E.right(arn)
    : E.left(
        // The ECS agent may not have registered the instance yet.
        transient({
          ...base,
          code: 'NotRegistered',
          message: `instance ${ec2InstanceId} is not a container instance of cluster ${cluster}`,
        }),
      );
};

const identity = (
  source: Identity['source'],
  id: string,
  arn: string,
  cluster: string | undefined,
): SourceResult => ({
  found: { instanceId: instanceId(id), containerInstanceArn: containerInstanceArn(arn), cluster, source },
});

/** Completes a container instance ARN with its EC2 instance id. */
const fromArn = async (
  options: IdentityOptions,
  source: Identity['source'],
  arn: string,
  cluster: string | undefined,
): Promise<E.Either<Failure, SourceResult>> => {
  const id = await instanceIdOf(options.ecs, cluster ?? options.cluster, arn);
  return E.isLeft(id) ? id : E.right(identity(source, id.right, arn, cluster));
};

const overridesSource =
  (options: IdentityOptions): Source =>
  async () => {
    const { instanceId: id, containerInstanceArn: arn } = options.overrides ?? {};
    if (id && arn) return E.right(identity('override', id, arn, undefined));
    if (arn) return fromArn(options, 'override', arn, undefined);
    if (!id) return skipped('no overrides');
    const found = await containerInstanceOf(options.ecs, options.cluster, id);
    return E.isLeft(found) ? found : E.right(identity('override', id, found.right, undefined));
  };

const ecsAgentSource =
  (options: IdentityOptions, url: string, timeoutMs: number): Source =>
  async () => {
    const metadata = await getAgentJson(url, '/v1/metadata', AgentMetadata, timeoutMs);
    if (E.isLeft(metadata))
      return skipped(`ECS agent at ${url}: ${metadata.left.code} ${metadata.left.message}`);
    const arn = metadata.right.ContainerInstanceArn;
    if (!arn) return skipped(`ECS agent at ${url}: container instance not registered yet`);
    return fromArn(options, 'ecs-agent', arn, metadata.right.Cluster ?? undefined);
  };

const metadataFileSource =
  (options: IdentityOptions): Source =>
  async () => {
    const file = options.metadataFile;
    if (!file) return skipped('no ECS container metadata file');
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      return skipped(`metadata file ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const metadata = decodeAnswer(ContainerMetadataFile, json, 'metadata-file', 'read', file);
    if (E.isLeft(metadata)) return skipped(`metadata file ${file}: ${metadata.left.message}`);
    const { MetadataFileStatus, ContainerInstanceARN, Cluster } = metadata.right;
    if (MetadataFileStatus !== 'READY' || !ContainerInstanceARN)
      return skipped(`metadata file ${file}: not READY`);
    return fromArn(options, 'metadata-file', ContainerInstanceARN, Cluster);
  };

/** Bounds a promise by a timer, so that no source can hang the start of the agent. */
const withTimeout = <A>(promise: Promise<A>, ms: number): Promise<A> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms} ms`), { name: 'TimeoutError' })),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

/** The IMDSv2 instance id: a token (PUT), then the id (GET); no retries, no IMDSv1 fallback. */
export const imdsInstanceId = async (
  timeoutMs: number,
  endpoint?: string,
): Promise<E.Either<Failure, string>> => {
  const service = new MetadataService({
    httpOptions: { timeout: timeoutMs },
    retries: 0,
    ec2MetadataV1Disabled: true,
    ...(endpoint !== undefined ? { endpoint } : {}),
  });
  // The SDK joins the endpoint's path ('/') and this one as they are: no leading slash, or it sends `//latest`.
  const id = await attempt('imds', 'GetInstanceId', endpoint, () =>
    withTimeout(service.request('latest/meta-data/instance-id', {}), 2 * timeoutMs),
  );
  return E.isLeft(id) ? id : E.right(id.right.trim());
};

const imdsSource =
  (options: IdentityOptions, timeoutMs: number): Source =>
  async () => {
    const id = await imdsInstanceId(options.imds?.timeoutMs ?? timeoutMs, options.imds?.endpoint);
    if (E.isLeft(id)) return skipped(`IMDSv2: ${id.left.code} ${id.left.message}`);
    const arn = await containerInstanceOf(options.ecs, options.cluster, id.right);
    return E.isLeft(arn) ? arn : E.right(identity('imds', id.right, arn.right, undefined));
  };

/**
 * Who this agent is, from the first source that answers (SPEC §5): overrides → the ECS agent's
 * `/v1/metadata` at each URL → the ECS container metadata file (once READY) → IMDSv2 plus one
 * ListContainerInstances. A source that does not answer is skipped; an AWS error after a source answered
 * is returned (the agent retries with backoff).
 */
export const resolveIdentity = async (options: IdentityOptions): Promise<E.Either<Failure, Identity>> => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sources: Source[] = [
    overridesSource(options),
    ...options.ecsAgentUrls.map((url) => ecsAgentSource(options, url, timeoutMs)),
    metadataFileSource(options),
    imdsSource(options, timeoutMs),
  ];
  const reasons: string[] = [];
  for (const source of sources) {
    const result = await source();
    if (E.isLeft(result)) return result;
    if ('found' in result.right) return E.right(result.right.found);
    reasons.push(result.right.skipped);
  }
  return E.left(
    transient({
      service: 'imds',
      operation: 'ResolveIdentity',
      resource: undefined,
      code: 'IdentityUnavailable',
      message: `no identity source answered: ${reasons.join('; ')}`,
    }),
  );
};
