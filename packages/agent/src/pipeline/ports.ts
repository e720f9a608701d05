import type { ActionOutcome, Failure, FileRead, Identity, LoadBalancersRead, LocalTask } from '@statika/aws';
import type {
  Action,
  ForwardingRule,
  LoadBalancerName,
  Observation,
  ReplaceListeners,
  Spec,
  Task,
  TaskArn,
} from '@statika/core';
import type { Either } from 'fp-ts/lib/Either.js';
import type { Observable } from 'rxjs';

/** A file the agent reads on every resync. */
export interface FilePort {
  readonly url: string;
  readonly read: () => Observable<Either<Failure, FileRead>>;
}

/**
 * Everything the pipeline's stages do to the outside world, as functions returning Observables: in
 * production thin adapters over the Promise-based contracts (`toPorts`), in marble tests cold
 * observables on the TestScheduler's clock. Each call answers once; Either-returning calls never error.
 */
export interface Ports {
  readonly configuration: FilePort;
  readonly services: FilePort;
  readonly identity: (cluster: string) => Observable<Either<Failure, Identity>>;
  readonly observe: (spec: Spec, identity: Identity) => Observable<Either<Failure, Observation>>;
  /** Only the named load balancers: what the journal recovery reads, with no files and no identity. */
  readonly loadBalancers: (
    names: readonly LoadBalancerName[],
  ) => Observable<Either<Failure, LoadBalancersRead>>;
  /** Only the named tasks, from ECS (DescribeTasks, no ELB call): node-port mode's local plan. */
  readonly describeTasks: (
    cluster: string,
    arns: readonly TaskArn[],
  ) => Observable<Either<Failure, readonly Task[]>>;
  /** Applies one action; listener replacements are journaled around their delete. */
  readonly apply: (action: Action) => Observable<Either<Failure, ActionOutcome>>;
  readonly journal: {
    readonly entries: () => Observable<readonly ReplaceListeners[]>;
    readonly clear: (action: ReplaceListeners) => Observable<void>;
  };
  /** This host's forwarding rules (node-port mode); absent when the agent has no host driver. */
  readonly forwarding?: ForwardingPort;
  /** This host's tasks from the ECS agent, when it can be reached; absent: no local watch. */
  readonly localTasks: (() => Observable<Either<Failure, readonly LocalTask[]>>) | undefined;
}

/** The kernel's forwarding rules of node-port mode: local calls, never AWS. */
export interface ForwardingPort {
  readonly read: () => Observable<Either<Failure, readonly ForwardingRule[]>>;
  /** The table holds exactly these rules afterwards (one atomic swap). */
  readonly replace: (rules: readonly ForwardingRule[]) => Observable<Either<Failure, void>>;
}
