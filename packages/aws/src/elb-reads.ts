import {
  DescribeLoadBalancersCommand,
  type ElasticLoadBalancingClient,
  type LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import * as E from 'fp-ts/lib/Either.js';
import { attempt } from './classify-failure.js';
import type { Failure } from './failure.js';

/** DescribeLoadBalancers pages hold at most 400 descriptions. */
const PAGE_SIZE = 400;

export interface DescribedLoadBalancers {
  readonly found: readonly LoadBalancerDescription[];
  /** Names AWS says do not exist: an error for their service only. */
  readonly missing: readonly string[];
}

/** DescribeLoadBalancers fails with `not-found` only for a name that does not exist (`LoadBalancerNotFound`). */
const isNotFound = (error: Failure): boolean => error.type === 'not-found';

/** AWS names one missing load balancer in its message: `There is no ACTIVE Load Balancer named 'x'`. */
export const missingNameIn = (message: string, asked: readonly string[]): string | undefined => {
  const named = /named '([^']+)'/.exec(message)?.[1] ?? /Cannot find Load Balancer (\S+)/.exec(message)?.[1];
  return named !== undefined && asked.includes(named) ? named : undefined;
};

/** One DescribeLoadBalancers call for all `names`, following NextMarker. */
const describeAll = async (
  elb: ElasticLoadBalancingClient,
  names: readonly string[],
): Promise<E.Either<Failure, LoadBalancerDescription[]>> => {
  const found: LoadBalancerDescription[] = [];
  let marker: string | undefined;
  do {
    const answer = await attempt('elb', 'DescribeLoadBalancers', names.join(','), () =>
      elb.send(
        new DescribeLoadBalancersCommand({
          LoadBalancerNames: [...names],
          PageSize: PAGE_SIZE,
          Marker: marker,
        }),
      ),
    );
    if (E.isLeft(answer)) return answer;
    found.push(...(answer.right.LoadBalancerDescriptions ?? []));
    marker = answer.right.NextMarker || undefined;
  } while (marker !== undefined);
  return E.right(found);
};

/** When AWS's message does not say which name is missing: ask for each name on its own. */
const describeOneByOne = async (
  elb: ElasticLoadBalancingClient,
  names: readonly string[],
  missing: readonly string[],
): Promise<E.Either<Failure, DescribedLoadBalancers>> => {
  const found: LoadBalancerDescription[] = [];
  const alsoMissing: string[] = [];
  for (const name of names) {
    const answer = await describeAll(elb, [name]);
    if (E.isRight(answer)) found.push(...answer.right);
    else if (isNotFound(answer.left)) alsoMissing.push(name);
    else return answer;
  }
  return E.right({ found, missing: [...missing, ...alsoMissing] });
};

/**
 * All configured load balancers in one DescribeLoadBalancers call. A missing name fails the whole call
 * with LoadBalancerNotFound: drop the name AWS reports and ask again for the others, so one missing
 * load balancer is an error for its service only.
 */
export const describeLoadBalancers = async (
  elb: ElasticLoadBalancingClient,
  names: readonly string[],
): Promise<E.Either<Failure, DescribedLoadBalancers>> => {
  let remaining = [...new Set(names)];
  const missing: string[] = [];
  while (remaining.length > 0) {
    const answer = await describeAll(elb, remaining);
    if (E.isRight(answer)) return E.right({ found: answer.right, missing });
    if (!isNotFound(answer.left)) return answer;
    const name = missingNameIn(answer.left.message, remaining);
    if (name === undefined) return describeOneByOne(elb, remaining, missing);
    missing.push(name);
    remaining = remaining.filter((n) => n !== name);
  }
  return E.right({ found: [], missing });
};
