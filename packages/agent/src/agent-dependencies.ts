import type {
  Actuator,
  ContainerEvent,
  Failure,
  FileSource,
  Identity,
  LocalTask,
  Observer,
} from '@statika/aws';
import type { HostDriver } from '@statika/host';
import type { Either } from 'fp-ts/lib/Either.js';
import type { Observable, SchedulerLike } from 'rxjs';
import type { Journal } from './journal/journal.js';
import type { BackoffPolicy } from './pipeline/backoff.js';

/** The part of a pino logger the agent uses; a pino `Logger` is one. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Everything the agent talks to, given from outside: swap them and the same agent runs against the sim or fakes. */
export interface AgentDependencies {
  readonly configurationSource: FileSource;
  readonly servicesSource: FileSource;
  readonly observer: Observer;
  readonly actuator: Actuator;
  /**
   * Who this agent is, given the cluster of the configuration in force (a lookup by EC2 instance id
   * needs it); asked until it answers, then kept.
   */
  readonly identity: (cluster: string) => Promise<Either<Failure, Identity>>;
  /** This host's tasks (ECS agent introspection); without it there is no local watch, only the resync. */
  readonly localTasks?: () => Promise<Either<Failure, readonly LocalTask[]>>;
  /**
   * This host's forwarding rules (node-port mode, `@statika/host`); without it a service with `nodePort`
   * gets no forwarding and its status says why.
   */
  readonly hostDriver?: HostDriver;
  /**
   * This host's container events (the Docker Engine's event stream, where its socket is mounted); cold, one
   * connection a subscription. With it the local watch reads `localTasks` when a container changes instead
   * of every `localWatchIntervalMs`, and polls only while the stream is down.
   */
  readonly localEvents$?: Observable<ContainerEvent>;
  readonly journal: Journal;
  /** The clock: `asyncScheduler` in production, a `TestScheduler` in tests. */
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** Plan and report every action as `dry-run`; change nothing. */
  readonly dryRun?: boolean;
  /** In [0, 1): the jitter of the resync and of the backoff. Default `Math.random`. */
  readonly random?: () => number;
  /** How often the local watch polls; default 1000 ms. */
  readonly localWatchIntervalMs?: number;
  /** Exponential backoff of retryable failures; default 1 s doubling up to 5 min. */
  readonly backoff?: BackoffPolicy;
}
