import * as E from 'fp-ts/lib/Either.js';
import type { ElbError } from '../elb-error.js';
import type { TagDescription } from '../elb-tags.js';
import type { World } from '../world.js';
import type { QueryParams } from './query-params.js';
import { ApiError, type SimResponse } from './sim-request.js';
import { memberList, textElement } from './xml.js';

const orThrow = <A>(result: E.Either<ElbError, A>): A => {
  if (E.isLeft(result)) throw new ApiError(result.left.code, result.left.message);
  return result.right;
};

const tagDescriptionXml = (d: TagDescription): string =>
  textElement('LoadBalancerName', d.loadBalancerName) +
  memberList('Tags', d.tags, (t) => textElement('Key', t.key) + textElement('Value', t.value));

/**
 * The ELB tag operations (AddTags, RemoveTags, DescribeTags), query protocol; `ok` wraps a result in
 * the operation's answer. Throws ApiError for a request AWS would refuse or an operation it does not have.
 */
export const serveElbTags = (
  world: World,
  operation: string,
  params: QueryParams,
  ok: (result: string) => SimResponse,
): SimResponse => {
  const tags = world.internals.elbTags;
  switch (operation) {
    case 'AddTags':
      orThrow(
        tags.add(
          params.list('LoadBalancerNames'),
          params
            .structures('Tags')
            .map((t) => ({ key: t.optionalString('Key') ?? '', value: t.optionalString('Value') ?? '' })),
        ),
      );
      return ok('');
    case 'RemoveTags':
      orThrow(
        tags.remove(
          params.list('LoadBalancerNames'),
          params.structures('Tags').map((t) => t.optionalString('Key') ?? ''),
        ),
      );
      return ok('');
    case 'DescribeTags':
      return ok(
        memberList(
          'TagDescriptions',
          orThrow(tags.describe(params.list('LoadBalancerNames'))),
          tagDescriptionXml,
        ),
      );
    default:
      throw new ApiError('InvalidAction', `The action ${operation} is not valid for this web service.`);
  }
};
