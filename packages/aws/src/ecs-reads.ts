import {
  type ContainerInstance,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  type ECSClient,
  type Failure as EcsFailure,
  ListTasksCommand,
  type Task as SdkTask,
} from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as RA from 'fp-ts/lib/ReadonlyArray.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { attempt } from './classify-failure.js';
import { type Failure, transient } from './failure.js';

/** DescribeTasks and DescribeContainerInstances take at most 100 ids a call; ListTasks pages hold 100. */
export const ECS_BATCH = 100;
/** A guard against a paginator that never ends (100 000 tasks): a bug somewhere, never a normal answer. */
export const MAX_PAGES = 1000;

/** One page of the cluster's RUNNING tasks, from `nextToken` (the first page without one). */
export const listTaskArnsPage = async (
  ecs: ECSClient,
  cluster: string,
  nextToken: string | undefined,
): Promise<E.Either<Failure, { arns: readonly string[]; nextToken: string | undefined }>> => {
  const answer = await attempt('ecs', 'ListTasks', cluster, () =>
    ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'RUNNING', maxResults: ECS_BATCH, nextToken })),
  );
  return E.map((page: { taskArns?: string[]; nextToken?: string }) => ({
    arns: page.taskArns ?? [],
    nextToken: page.nextToken || undefined,
  }))(answer);
};

/** A paginator that never ends: a bug somewhere, never a normal answer; the read fails. */
export const tooManyPages = (cluster: string): Failure =>
  transient({
    service: 'ecs',
    operation: 'ListTasks',
    resource: cluster,
    code: 'TooManyPages',
    message: `ListTasks returned more than ${MAX_PAGES} pages`,
  });

/** `failures` name ids we asked about that ECS could not describe: the read is partial, so it is an error. */
const failuresError = (operation: string, cluster: string, failures: readonly EcsFailure[]): Failure =>
  transient({
    service: 'ecs',
    operation,
    resource: cluster,
    code: 'PartialRead',
    message: failures
      .map((f) => `${f.arn ?? '?'}: ${f.reason ?? 'failed'}${f.detail ? ` (${f.detail})` : ''}`)
      .join('; '),
  });

/** DescribeTasks, 100 ids a call, one call after the other (the rate limit is shared by every host). */
export const describeTasks = async (
  ecs: ECSClient,
  cluster: string,
  arns: readonly string[],
): Promise<E.Either<Failure, SdkTask[]>> =>
  inBatches(arns, async (batch) => {
    const answer = await attempt('ecs', 'DescribeTasks', cluster, () =>
      ecs.send(new DescribeTasksCommand({ cluster, tasks: [...batch] })),
    );
    if (E.isLeft(answer)) return answer;
    const failures = answer.right.failures ?? [];
    if (failures.length > 0) return E.left(failuresError('DescribeTasks', cluster, failures));
    return E.right(answer.right.tasks ?? []);
  });

/** DescribeContainerInstances, 100 ARNs a call; an ARN ECS cannot describe fails the read. */
export const describeContainerInstances = async (
  ecs: ECSClient,
  cluster: string,
  arns: readonly string[],
): Promise<E.Either<Failure, ContainerInstance[]>> =>
  inBatches(arns, async (batch) => {
    const answer = await attempt('ecs', 'DescribeContainerInstances', cluster, () =>
      ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: [...batch] })),
    );
    if (E.isLeft(answer)) return answer;
    const failures = answer.right.failures ?? [];
    if (failures.length > 0) return E.left(failuresError('DescribeContainerInstances', cluster, failures));
    return E.right(answer.right.containerInstances ?? []);
  });

/**
 * `read` on each batch of `ECS_BATCH` ids, one call after the other (the rate limit is shared by every
 * host), stopping at the first failure; the answers joined.
 */
const inBatches = async <A>(
  ids: readonly string[],
  read: (batch: readonly string[]) => Promise<E.Either<Failure, readonly A[]>>,
): Promise<E.Either<Failure, A[]>> => {
  const answers = await TE.traverseSeqArray((batch: readonly string[]) => () => read(batch))(
    RA.chunksOf(ECS_BATCH)(ids),
  )();
  return E.map((pages: readonly (readonly A[])[]) => pages.flat())(answers);
};
