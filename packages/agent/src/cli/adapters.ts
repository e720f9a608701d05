import { existsSync } from 'node:fs';
import {
  type AwsClients,
  type ContainerEvent,
  createFileSource,
  defaultGatewayUrl,
  ECS_AGENT_PORT,
  type Failure,
  type FileSource,
  type Identity,
  type LocalTask,
  localTasksReader,
  resolveIdentity,
  watchContainerEvents,
} from '@statika/aws';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { Observable } from 'rxjs';
import type { Logger } from '../agent-dependencies.js';
import type { AgentSettings } from './agent-settings.js';

export interface FileSources {
  readonly configuration: FileSource;
  readonly services: FileSource;
}

/** Both file sources, or why a URL can never work (an unsupported scheme, an S3 URL without a key). */
export const createFileSources = (
  urls: { readonly configuration: string; readonly services: string },
  clients: Parameters<typeof createFileSource>[1],
): E.Either<string, FileSources> =>
  pipe(
    E.Do,
    E.apS('configuration', createFileSource(urls.configuration, clients)),
    E.apS('services', createFileSource(urls.services, clients)),
    E.mapLeft((error: Failure) => error.message),
  );

/**
 * Where the ECS agent's introspection API may be, in the order of SPEC §5: `STATIKA_ECS_AGENT_URL` alone
 * when set; else localhost (host networking), then the default gateway (how a bridge-mode container
 * reaches its host).
 */
export const ecsAgentUrls = async (explicit: string | undefined): Promise<readonly string[]> => {
  if (explicit !== undefined) return [explicit];
  const gateway = await defaultGatewayUrl();
  return [`http://localhost:${ECS_AGENT_PORT}`, ...(gateway === undefined ? [] : [gateway])];
};

/**
 * This host's tasks from the first introspection URL that answers; the one that answered is tried first
 * next time, so a steady host makes one local request a poll.
 */
export const localTasksFrom = (
  urls: readonly string[],
): (() => Promise<E.Either<Failure, readonly LocalTask[]>>) => {
  let order = urls.map((url) => ({ url, read: localTasksReader(url) }));
  return async () => {
    let last: E.Either<Failure, readonly LocalTask[]> | undefined;
    for (const source of order) {
      last = await source.read();
      if (E.isRight(last)) {
        if (source !== order[0]) order = [source, ...order.filter((s) => s !== source)];
        return last;
      }
    }
    return last ?? E.right([]);
  };
};

/**
 * Who this agent is, in the order of SPEC §5 (overrides, the ECS agent, the metadata file, IMDSv2).
 * `cluster` is the configured one, for the sources that do not report it (`default`, as ECS itself
 * assumes, before the configuration is loaded).
 */
export const identityFrom = (options: {
  readonly settings: AgentSettings;
  readonly ecsAgentUrls: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly ecs: AwsClients['ecs'];
}): ((cluster: string) => Promise<E.Either<Failure, Identity>>) => {
  const { settings } = options;
  // The controller passes the configured cluster: identity's one ECS call needs it.
  return (cluster) =>
    resolveIdentity({
      overrides: {
        ...(settings.instanceId === undefined ? {} : { instanceId: settings.instanceId }),
        ...(settings.containerInstanceArn === undefined
          ? {}
          : { containerInstanceArn: settings.containerInstanceArn }),
      },
      ecsAgentUrls: options.ecsAgentUrls,
      ...(options.env.ECS_CONTAINER_METADATA_FILE
        ? { metadataFile: options.env.ECS_CONTAINER_METADATA_FILE }
        : {}),
      cluster,
      ecs: options.ecs,
    });
};

/** Where the Docker Engine listens on a host, and so where a container sees it when it is mounted. */
export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * The Docker socket the local watch follows: `STATIKA_DOCKER_SOCKET` (`off`: none), else the default one
 * when it is there (mounted into the container, or on a host with Docker).
 */
export const dockerSocketPath = (explicit: string | undefined): string | undefined => {
  if (explicit === 'off') return undefined;
  if (explicit !== undefined) return explicit;
  return existsSync(DEFAULT_DOCKER_SOCKET) ? DEFAULT_DOCKER_SOCKET : undefined;
};

/** The container events of this host as a cold stream: one connection a subscription, an error when it ends. */
export const containerEvents$ = (socketPath: string, logger: Logger): Observable<ContainerEvent> =>
  new Observable<ContainerEvent>((subscriber) =>
    watchContainerEvents(socketPath, {
      onEvent: (event) => {
        if (event.type === 'connected')
          logger.debug({ socket: socketPath }, 'local watch: following Docker events');
        subscriber.next(event);
      },
      onEnd: (reason) => {
        logger.warn({ socket: socketPath, reason }, 'local watch: no Docker events, polling the ECS agent');
        subscriber.error(new Error(reason));
      },
    }),
  );
