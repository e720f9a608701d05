import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { attempt } from './classify-failure.js';
import { type Failure, type FailureSource, malformed } from './failure.js';
import { httpGet } from './http-get.js';

/**
 * The ECS agent's introspection API (port 51678) and the container metadata file, as codecs: only the
 * fields Statika reads, every one optional or nullable the way the agent sends them.
 */
export const AgentMetadata = t.partial({
  Cluster: t.union([t.string, t.null]),
  /** null until the container instance is registered. */
  ContainerInstanceArn: t.union([t.string, t.null]),
  Version: t.union([t.string, t.null]),
});
export type AgentMetadata = t.TypeOf<typeof AgentMetadata>;

export const AgentPort = t.partial({
  ContainerPort: t.number,
  Protocol: t.string,
  /** Absent (or 0) while a dynamic port is not bound yet. */
  HostPort: t.number,
  HostIp: t.string,
});

export const AgentContainer = t.partial({
  DockerId: t.string,
  Name: t.string,
  Ports: t.union([t.array(AgentPort), t.null]),
});

export const AgentTask = t.partial({
  Arn: t.string,
  DesiredStatus: t.string,
  KnownStatus: t.string,
  Family: t.string,
  Version: t.string,
  Containers: t.union([t.array(AgentContainer), t.null]),
});
export type AgentTask = t.TypeOf<typeof AgentTask>;

export const AgentTasks = t.partial({ Tasks: t.union([t.array(AgentTask), t.null]) });

export const ContainerMetadataFile = t.partial({
  Cluster: t.string,
  ContainerInstanceARN: t.string,
  /** READY once the agent has written every field. */
  MetadataFileStatus: t.string,
});

/** A decode failure as an Failure: the answer came, but not in a shape we can read. */
export const decodeAnswer = <A>(
  codec: t.Decoder<unknown, A>,
  value: unknown,
  service: FailureSource,
  operation: string,
  resource: string,
): E.Either<Failure, A> => {
  const decoded = codec.decode(value);
  return E.isRight(decoded)
    ? decoded
    : E.left(malformed({ service, operation, resource }, `unexpected answer from ${resource}`));
};

/** GET `base + path` as JSON with a timeout (an unreachable agent costs at most `timeoutMs`). */
export const getAgentJson = async <A>(
  baseUrl: string,
  path: string,
  codec: t.Decoder<unknown, A>,
  timeoutMs: number,
): Promise<E.Either<Failure, A>> => {
  // Keeps a base path (`http://127.0.0.1:9000/agent`), which `new URL(path, base)` would drop.
  const url = `${baseUrl.replace(/\/+$/, '')}${path}`;
  const body = await attempt('ecs-agent', path, url, async () => {
    const answer = await httpGet(url, { timeoutMs });
    if (answer.status < 200 || answer.status >= 300 || answer.body === undefined) {
      throw Object.assign(new Error(`${url} answered ${answer.status}`), {
        $metadata: { httpStatusCode: answer.status },
      });
    }
    return JSON.parse(answer.body.toString('utf8')) as unknown;
  });
  return E.isLeft(body) ? body : decodeAnswer(codec, body.right, 'ecs-agent', path, url);
};
