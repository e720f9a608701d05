import type { AwsClients, Failure, Identity, LocalTask } from '@statika/aws';
import type { HostDriver } from '@statika/host';
import type { Either } from 'fp-ts/lib/Either.js';
import type { Observable, SchedulerLike } from 'rxjs';

/**
 * One simulated host as an agent on it sees it: everything wired to the sim, on the host's clock. A
 * killed agent's host refuses every further call (clients, host driver, `io`), as a dead process would.
 */
export interface SimHost {
  readonly instanceId: string;
  /** The agents' two files (S3 URLs in the sim). */
  readonly urls: { readonly configuration: string; readonly services: string };
  /** The SDK clients, talking to the sim. */
  readonly clients: AwsClients;
  /** Who this host is: from the sim's ECS agent and IMDS in real time, given in virtual time. */
  readonly identity: (cluster: string) => Promise<Either<Failure, Identity>>;
  /** This host's tasks, from the sim's ECS agent introspection API. */
  readonly localTasks: () => Promise<Either<Failure, readonly LocalTask[]>>;
  /** This host's forwarding rules (node-port mode). */
  readonly hostDriver: HostDriver;
  /** The host's clock: the async scheduler in real time, one of the virtual time's schedulers else. */
  readonly scheduler: SchedulerLike;
  /** Waits `ms` on `scheduler`. */
  readonly sleep: (ms: number) => Promise<void>;
  /** In [0, 1), seeded. */
  readonly random: () => number;
  /**
   * Runs the agent's other I/O (its journal): counted, so that virtual time waits for it, and refused
   * once the agent is killed.
   */
  readonly io: <A>(work: () => Promise<A>) => Promise<A>;
}

/** What the harness needs of an agent. */
export interface HarnessAgent<Status, Event> {
  readonly events$: Observable<Event>;
  status(): Status;
  /** The agent is ready and reports every service in sync. */
  inSync(): boolean;
  /** Stops gracefully; resolves when it has. */
  stop(options?: { readonly deregister?: boolean }): Promise<void>;
}

/**
 * Starts an agent on a simulated host: the harness runs whatever agent it is given (Statika's own, in
 * `@statika/agent`, which depends on this package and so cannot be imported by it). Called again for
 * every restart, on a new `SimHost`.
 */
export type StartAgent<Status, Event> = (host: SimHost) => HarnessAgent<Status, Event>;
