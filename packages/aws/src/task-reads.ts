import type { ContainerInstance, ECSClient, Task as SdkTask } from '@aws-sdk/client-ecs';
import type { ClusterSize } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import {
  describeContainerInstances,
  describeTasks,
  ECS_BATCH,
  listTaskArnsPage,
  MAX_PAGES,
  tooManyPages,
} from './ecs-reads.js';
import type { Failure } from './failure.js';

/**
 * The ECS reads of one observation so far, one call at a time: every ListTasks page, then DescribeTasks
 * 100 at a time, then DescribeContainerInstances. A read cut off by throttling keeps this and resumes
 * from it (`createObserver`), so the reads a throttled account already answered are not made again: a
 * fleet that starts at once then spends its ECS tokens on progress instead of on the same first pages.
 */
export interface TaskReads {
  readonly cluster: string;
  /** When the first of these reads was answered: the age of the oldest part of the observation. */
  readonly since: number;
  readonly arns: readonly string[];
  /** The next ListTasks page to read; undefined once the last page is in. */
  readonly nextToken: string | undefined;
  readonly listed: boolean;
  readonly described: readonly SdkTask[];
  /** How many of `arns` are described: whole batches, in order. */
  readonly describedCount: number;
  /** ListTasks pages read (a guard against a paginator that never ends). */
  readonly pages: number;
  /** The container instances of this host and the configured tasks, once every task is described. */
  readonly instances: readonly ContainerInstance[] | undefined;
}

/** The ECS reads, all made: the tasks described and their hosts. */
export interface TasksRead {
  readonly arns: readonly string[];
  readonly described: readonly SdkTask[];
  readonly instances: readonly ContainerInstance[];
}

export const noTaskReads = (cluster: string, now: number): TaskReads => ({
  cluster,
  since: now,
  arns: [],
  nextToken: undefined,
  listed: false,
  described: [],
  describedCount: 0,
  pages: 0,
  instances: undefined,
});

/** What these reads have found of the cluster so far: the tasks listed, the hosts of those described. */
export const knownSize = (reads: TaskReads): ClusterSize => ({
  tasks: reads.arns.length,
  containerInstances: new Set(reads.described.flatMap((task) => task.containerInstanceArn ?? [])).size,
});

/** The reads done, or undefined while one is still to make. */
export const tasksRead = (reads: TaskReads): TasksRead | undefined =>
  reads.instances === undefined
    ? undefined
    : { arns: reads.arns, described: reads.described, instances: reads.instances };

/**
 * The next ECS read of an observation (one call), and what is known after it. `hostArnsOf` names the
 * container instances to describe once every task is described (it depends on the spec).
 */
export const nextTaskRead = async (
  ecs: ECSClient,
  reads: TaskReads,
  hostArnsOf: (described: readonly SdkTask[]) => readonly string[],
): Promise<E.Either<Failure, TaskReads>> => {
  const { cluster } = reads;
  if (!reads.listed) {
    if (reads.pages >= MAX_PAGES) return E.left(tooManyPages(cluster));
    const page = await listTaskArnsPage(ecs, cluster, reads.nextToken);
    return E.map((answer: { arns: readonly string[]; nextToken: string | undefined }) => ({
      ...reads,
      arns: [...reads.arns, ...answer.arns],
      nextToken: answer.nextToken,
      listed: answer.nextToken === undefined,
      pages: reads.pages + 1,
    }))(page);
  }
  if (reads.describedCount < reads.arns.length) {
    const batch = reads.arns.slice(reads.describedCount, reads.describedCount + ECS_BATCH);
    const answer = await describeTasks(ecs, cluster, batch);
    return E.map((tasks: SdkTask[]) => ({
      ...reads,
      described: [...reads.described, ...tasks],
      describedCount: reads.describedCount + batch.length,
    }))(answer);
  }
  // The configured tasks' hosts are one batch up to 100 hosts; more are still one step (a call a
  // batch): they are few, and resuming between them would gain little.
  const answer = await describeContainerInstances(ecs, cluster, hostArnsOf(reads.described));
  return E.map((instances: ContainerInstance[]) => ({ ...reads, instances }))(answer);
};
