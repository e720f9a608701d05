import {
  AddTagsCommand,
  DescribeTagsCommand,
  type ElasticLoadBalancingClient,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  encodePendingPolicies,
  type LoadBalancer,
  needsLiveRead,
  type PendingRecordProblem,
  pendingPoliciesOf,
  pendingPoliciesTagKey,
  pendingRecordsOf,
  type ReplaceListeners,
  restoredPolicies,
} from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import { attempt } from './classify-failure.js';
import { toLoadBalancer } from './elb-load-balancer.js';
import { describeLoadBalancers } from './elb-reads.js';
import { type Failure, terminal } from './failure.js';

/** One tag of a load balancer, as the core reads records from. */
export interface LoadBalancerTag {
  readonly key: string;
  readonly value: string;
}

/**
 * Why a replacement went on without its cluster-wide record of policies (the journal alone then keeps
 * them): the load balancer has its 10 tags already, the record does not fit a tag (over 255 characters,
 * or a policy name a tag cannot hold), the IAM policy lacks the tag permissions, or AWS refused the tag
 * as invalid for another reason.
 */
export interface PolicyRecordSkipped {
  readonly loadBalancerName: string;
  readonly reason: 'TooManyTags' | 'TooLong' | 'UnwritableName' | 'AccessDenied' | 'Refused';
  readonly message: string;
}

/** The ELB calls of the record: the load balancer's tags, and the load balancer read again. */
const policyRecordCalls = (elb: ElasticLoadBalancingClient) => ({
  /** DescribeTags of one load balancer. */
  tags: async (name: string): Promise<E.Either<Failure, readonly LoadBalancerTag[]>> => {
    const answer = await attempt('elb', 'DescribeTags', name, () =>
      elb.send(new DescribeTagsCommand({ LoadBalancerNames: [name] })),
    );
    return E.map((a: { TagDescriptions?: { Tags?: { Key?: string; Value?: string }[] }[] }) =>
      (a.TagDescriptions?.[0]?.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
    )(answer);
  },
  write: (name: string, key: string, value: string): Promise<E.Either<Failure, unknown>> =>
    attempt('elb', 'AddTags', name, () =>
      elb.send(new AddTagsCommand({ LoadBalancerNames: [name], Tags: [{ Key: key, Value: value }] })),
    ),
  remove: (name: string, key: string): Promise<E.Either<Failure, unknown>> =>
    attempt('elb', 'RemoveTags', name, () =>
      elb.send(new RemoveTagsCommand({ LoadBalancerNames: [name], Tags: [{ Key: key }] })),
    ),
  /** The load balancer as it is now; undefined when it is gone. */
  live: async (name: string): Promise<E.Either<Failure, LoadBalancer | undefined>> => {
    const read = await describeLoadBalancers(elb, [name]);
    if (E.isLeft(read)) return read;
    const [description] = read.right.found;
    if (description === undefined) return E.right(undefined);
    return E.mapLeft((message: string) =>
      terminal({
        service: 'elb',
        operation: 'DescribeLoadBalancers',
        resource: name,
        code: 'Malformed',
        message,
      }),
    )(toLoadBalancer(description));
  },
});

/** A replacement as the records decide it, before anything is written. */
export interface ReadReplacement {
  /** The listeners with the policies they must end with. */
  readonly action: ReplaceListeners;
  /** This host's tag key; undefined for an action without a writer. */
  readonly key: string | undefined;
  /** This host's record as the load balancer holds it (left by an earlier attempt), if any. */
  readonly present: string | undefined;
  /** False when the tags could not be read (no permission): then nothing is written either. */
  readonly writable: boolean;
}

/**
 * The record around a listener replacement (docs/architecture.md, "The record of listener policies"):
 * `read` before the journal reads every host's record (DescribeTags) and decides with the core what each
 * listener must end with, reading the load balancer again only when a listener it deletes has no
 * policies from anywhere; `write`, after the journal and before the delete, writes this host's record
 * (AddTags) when there are policies to restore; `finish` removes it (RemoveTags) once they are restored.
 * A refused record (TooManyTags, too long, no permission) is reported to `onSkipped` and the replacement
 * goes on with the journal only; any other failure of these calls comes before the delete and fails
 * the action.
 */
export const createPolicyRecord = (
  elb: ElasticLoadBalancingClient,
  onSkipped: (skipped: PolicyRecordSkipped) => void,
) => {
  const calls = policyRecordCalls(elb);

  const read = async (action: ReplaceListeners): Promise<E.Either<Failure, ReadReplacement>> => {
    const name = action.loadBalancerName;
    const tags = await calls.tags(name);
    if (E.isLeft(tags) && tags.left.type !== 'denied') return tags;
    if (E.isLeft(tags)) onSkipped(denied(name, tags.left));
    const found = E.isRight(tags) ? tags.right : [];
    const records = pendingRecordsOf(found);
    let live: LoadBalancer | undefined;
    if (needsLiveRead(action, records)) {
      const again = await calls.live(name);
      if (E.isLeft(again)) return again;
      live = again.right;
    }
    const key = action.writer === undefined ? undefined : pendingPoliciesTagKey(action.writer);
    return E.right({
      action: restoredPolicies(action, records, live),
      key,
      present: found.find((t) => t.key === key)?.value,
      writable: E.isRight(tags),
    });
  };

  /**
   * Writes this host's record unless it says so already; answers the key to remove once the policies are
   * restored (undefined when there is none: nothing to record, or the record was refused).
   */
  const write = async (replacement: ReadReplacement): Promise<E.Either<Failure, string | undefined>> => {
    const { action, key, present } = replacement;
    const name = action.loadBalancerName;
    const left = present === undefined ? undefined : key;
    const pending = pendingPoliciesOf(action);
    if (key === undefined || !replacement.writable || pending.length === 0) return E.right(left);
    const value = encodePendingPolicies(pending);
    if (E.isLeft(value)) {
      onSkipped(unwritable(name, value.left));
      return E.right(left);
    }
    if (value.right === present) return E.right(key);
    const added = await calls.write(name, key, value.right);
    if (E.isRight(added)) return E.right(key);
    const skipped = refused(name, added.left);
    if (skipped === undefined) return added;
    onSkipped(skipped);
    return E.right(left);
  };

  const finish = (name: string, key: string | undefined): Promise<E.Either<Failure, unknown>> =>
    key === undefined ? Promise.resolve(E.right(undefined)) : calls.remove(name, key);

  return { read, write, finish };
};

/**
 * Why AWS would not take this host's record, when it is one the replacement can go on without (the
 * journal keeps the policies): no permission, or a tag AWS refused (`TooManyTags`: the load balancer has
 * its 10). Anything else (throttling, a 5xx) fails the action before anything is deleted.
 */
const refused = (name: string, error: Failure): PolicyRecordSkipped | undefined => {
  switch (error.type) {
    case 'denied':
      return denied(name, error);
    case 'invalid':
      return error.code === 'TooManyTags'
        ? {
            loadBalancerName: name,
            reason: 'TooManyTags',
            message: `${name} has the most tags a load balancer can have: the policies of this replacement are recorded in this host's journal only`,
          }
        : {
            loadBalancerName: name,
            reason: 'Refused',
            message: `${name} refused the record of its listener policies (${error.code}: ${error.message}): they are recorded in this host's journal only`,
          };
    case 'throttled':
    case 'transient':
    case 'not-found':
    case 'conflict':
    case 'terminal':
    case 'journal':
    case 'unexpected':
      return undefined;
    default:
      return absurd(error);
  }
};

const denied = (name: string, error: Failure): PolicyRecordSkipped => ({
  loadBalancerName: name,
  reason: 'AccessDenied',
  message: `${error.operation} on ${name} was denied (${error.code}): the policies of this replacement are recorded in this host's journal only; grant elasticloadbalancing:DescribeTags, AddTags and RemoveTags`,
});

const unwritable = (name: string, problem: PendingRecordProblem): PolicyRecordSkipped =>
  problem.type === 'TooLong'
    ? {
        loadBalancerName: name,
        reason: 'TooLong',
        message: `the listener policies of ${name} take ${problem.length} characters, more than a tag value holds (255): they are recorded in this host's journal only`,
      }
    : {
        loadBalancerName: name,
        reason: 'UnwritableName',
        message: `the policy name '${problem.policyName}' of ${name} cannot be written in a tag: the policies of this replacement are recorded in this host's journal only`,
      };
