import * as E from 'fp-ts/lib/Either.js';
import { compareCodeUnits } from './compare-code-units.js';
import type { InstanceId } from './ids.js';

/**
 * The cluster-wide record of a listener replacement in flight (SPEC §4 rule 5): before its first delete,
 * the agent that replaces listeners writes on the load balancer itself, as a tag named for its instance,
 * the policy names each listener must end with; it removes that tag once every restore succeeded. Any
 * host that replaces the listeners next reads every such tag, so policies a replacement dropped between
 * its create and its restore are never lost for good. This file is the tag's format.
 */

/** One load balancer port and the listener policy names it must end with. */
export interface PortPolicies {
  readonly loadBalancerPort: number;
  readonly policyNames: readonly string[];
}

/** One host's record, read back from the load balancer's tags. */
export interface PendingRecord {
  readonly writer: string;
  readonly policies: readonly PortPolicies[];
}

/** Why a record cannot be written as a tag; the replacement then goes on with the journal only. */
export type PendingRecordProblem =
  | { readonly type: 'TooLong'; readonly length: number }
  | { readonly type: 'UnwritableName'; readonly policyName: string };

export const PENDING_POLICIES_TAG_PREFIX = 'statika:pending-policies:';

/** Classic ELB's tag limits (the API reference): values of at most 255 characters. */
export const MAX_TAG_VALUE_LENGTH = 255;

/** The tag key of this host's record. */
export const pendingPoliciesTagKey = (writer: InstanceId): string =>
  `${PENDING_POLICIES_TAG_PREFIX}${writer}`;

/**
 * A policy name as a tag value can hold it: the characters ELB allows in tags (letters, digits, spaces,
 * `+ - = . _ : / @`) without the record's own separators (space between ports, `=` after the port, `+`
 * between names).
 */
const WRITABLE_NAME = /^[\p{L}\p{N}\-._:/@]+$/u;

/** `443=ELBSecurityPolicy-2016-08+MyStickiness 8443=Other`: ports in ascending order, names as given. */
export const encodePendingPolicies = (
  policies: readonly PortPolicies[],
): E.Either<PendingRecordProblem, string> => {
  const unwritable = policies.flatMap((p) => p.policyNames).find((n) => !WRITABLE_NAME.test(n));
  if (unwritable !== undefined) return E.left({ type: 'UnwritableName', policyName: unwritable });
  const value = [...policies]
    .sort((a, b) => a.loadBalancerPort - b.loadBalancerPort)
    .map((p) => `${p.loadBalancerPort}=${p.policyNames.join('+')}`)
    .join(' ');
  return value.length > MAX_TAG_VALUE_LENGTH
    ? E.left({ type: 'TooLong', length: value.length })
    : E.right(value);
};

/** The record a tag value holds, or why it is not one (a tag edited by hand, a future format). */
export const decodePendingPolicies = (value: string): E.Either<string, readonly PortPolicies[]> => {
  if (value === '') return E.right([]);
  const policies: PortPolicies[] = [];
  for (const part of value.split(' ')) {
    const match = /^(\d{1,5})=(.+)$/.exec(part);
    const port = Number(match?.[1]);
    const names = match?.[2]?.split('+') ?? [];
    if (match === null || port < 1 || port > 65535 || names.some((n) => !WRITABLE_NAME.test(n))) {
      return E.left(`not a pending-policies record: '${part}'`);
    }
    policies.push({ loadBalancerPort: port, policyNames: names });
  }
  return E.right(policies);
};

/**
 * Every host's record among a load balancer's tags, by writer; tags of other tools and values that do
 * not decode are not records.
 */
export const pendingRecordsOf = (
  tags: readonly { readonly key: string; readonly value: string }[],
): readonly PendingRecord[] =>
  tags
    .filter((t) => t.key.startsWith(PENDING_POLICIES_TAG_PREFIX))
    .flatMap((t) => {
      const decoded = decodePendingPolicies(t.value);
      return E.isRight(decoded)
        ? [{ writer: t.key.slice(PENDING_POLICIES_TAG_PREFIX.length), policies: decoded.right }]
        : [];
    })
    .sort((a, b) => compareCodeUnits(a.writer, b.writer));
