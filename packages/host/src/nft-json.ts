import type { ForwardingRule } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/**
 * The part of `nft -j list table ip statika` that Statika reads: the rules of the prerouting chain, each
 * a list of expressions. Everything else (metainfo, the table, the chains, handles) is ignored.
 */
const Match = t.type({
  match: t.type({
    left: t.unknown,
    right: t.unknown,
  }),
});
const DportMatch = t.type({
  match: t.type({
    left: t.type({ payload: t.type({ protocol: t.literal('tcp'), field: t.literal('dport') }) }),
    right: t.number,
  }),
});
const Redirect = t.type({ redirect: t.type({ port: t.number }) });
const RuleEntry = t.type({
  rule: t.type({ chain: t.string, expr: t.array(t.unknown) }),
});
export const NftList = t.type({ nftables: t.array(t.unknown) });

/** A rule as Statika renders it: a node port match and a redirect to a port; anything else is not one. */
const readRule = (expr: readonly unknown[]): ForwardingRule | undefined => {
  let nodePort: number | undefined;
  let hostPort: number | undefined;
  for (const e of expr) {
    if (DportMatch.is(e)) nodePort = e.match.right;
    else if (Redirect.is(e)) hostPort = e.redirect.port;
    else if (!Match.is(e)) return undefined;
  }
  return nodePort === undefined || hostPort === undefined ? undefined : { nodePort, hostPort };
};

/**
 * The forwarding rules of the prerouting chain, or why the answer cannot be read. A rule Statika did not
 * write (added by hand to Statika's table) is skipped: it is not a forwarding rule of any service, and
 * the next change rewrites the whole table without it.
 */
export const parseRules = (json: unknown): E.Either<string, readonly ForwardingRule[]> => {
  if (!NftList.is(json)) return E.left('not an nft JSON listing (no "nftables" array)');
  const rules: ForwardingRule[] = [];
  for (const entry of json.nftables) {
    if (!RuleEntry.is(entry) || entry.rule.chain !== 'prerouting') continue;
    const rule = readRule(entry.rule.expr);
    if (rule !== undefined) rules.push(rule);
  }
  return E.right(rules);
};
