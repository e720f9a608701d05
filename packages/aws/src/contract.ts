/**
 * The public contract of @statika/aws, as types. The agent is written against these; the adapters in
 * this package implement them over AWS SDK v3 (and run unchanged against @statika/sim).
 */
import type {
  Action,
  ContainerInstanceArn,
  InstanceId,
  LoadBalancer,
  LoadBalancerName,
  Observation,
  ReplaceListeners,
  Spec,
  Task,
  TaskArn,
} from '@statika/core';
import type { Either } from 'fp-ts/lib/Either.js';
import type { Failure } from './failure.js';

/** Who this agent is. `source` says which identity source answered first. */
export interface Identity {
  readonly instanceId: InstanceId;
  readonly containerInstanceArn: ContainerInstanceArn;
  /** The cluster the ECS agent reports, when the source knows it. */
  readonly cluster: string | undefined;
  readonly source: 'override' | 'ecs-agent' | 'metadata-file' | 'imds';
}

/** One of this host's tasks as the ECS agent introspection API (`/v1/tasks`) reports it: no AWS call. */
export interface LocalTask {
  readonly arn: string;
  readonly family: string;
  readonly desiredStatus: string;
  readonly knownStatus: string;
  readonly containers: readonly {
    readonly name: string;
    /** `hostPort` is absent (or 0) while a dynamic port is not bound yet. */
    readonly ports: readonly {
      readonly containerPort: number;
      readonly hostPort?: number;
      readonly protocol: string;
    }[];
  }[];
}

/** The result of applying one action. */
export type ActionOutcome =
  /** AWS now matches the action. */
  | { readonly type: 'applied' }
  /** The create after a delete failed (after its retries): the old listeners were recreated as they were. */
  | { readonly type: 'restored'; readonly error: Failure }
  /** `DuplicateListener`: someone else created a listener on that port; observe again and let the next plan decide. */
  | { readonly type: 'conflict'; readonly error: Failure };

export interface ApplyHooks {
  /**
   * Called with a listener replacement as it is about to be made (its policies decided), before
   * `DeleteLoadBalancerListeners`. A Left stops it before anything is deleted and is the action's result.
   */
  readonly beforeDelete?: (action: ReplaceListeners) => Promise<Either<Failure, void>>;
}

/** Some load balancers as core models, and the names AWS says do not exist. */
export interface LoadBalancersRead {
  readonly loadBalancers: readonly LoadBalancer[];
  readonly missing: readonly LoadBalancerName[];
}

export interface Observer {
  /** The whole observation for one reconcile; any failed or partial read is a Left, never "no tasks". */
  observe(spec: Spec, identity: Identity): Promise<Either<Failure, Observation>>;
  /**
   * Only the named load balancers, in one DescribeLoadBalancers call (plus one per missing name): what
   * finishing a journaled listener replacement needs, with no files and no identity.
   */
  describeLoadBalancers(names: readonly LoadBalancerName[]): Promise<Either<Failure, LoadBalancersRead>>;
  /**
   * Only the named tasks, in one DescribeTasks call per 100 (no ELB call): what node-port mode's local
   * plan needs to learn a new task's health. A task ECS cannot describe fails the read. The tasks come
   * without `instanceId` (no DescribeContainerInstances): the caller knows its own host's.
   */
  describeTasks(cluster: string, arns: readonly TaskArn[]): Promise<Either<Failure, readonly Task[]>>;
}

export interface Actuator {
  apply(action: Action, hooks?: ApplyHooks): Promise<Either<Failure, ActionOutcome>>;
}

/** What reading a file source returned: the text, or "unchanged since the last read" (S3 ETag 304). */
export type FileRead =
  | { readonly changed: true; readonly text: string; readonly version: string | undefined }
  | { readonly changed: false };

export interface FileSource {
  /** The URL as given (`s3://bucket/key`, `file:///path`, a plain path, `https://…`). */
  readonly url: string;
  read(): Promise<Either<Failure, FileRead>>;
}
