import * as t from 'io-ts';

/**
 * One kernel forwarding rule of node-port mode (SPEC §4 rule 8), as the host driver reads it back and as
 * the plan wants it: TCP arriving at `nodePort` goes to `hostPort` on this host (the serving task's
 * published port). The rules live in a table of Statika's own, so every rule in it is Statika's.
 */
export const ForwardingRule = t.type({ nodePort: t.number, hostPort: t.number });
export type ForwardingRule = t.TypeOf<typeof ForwardingRule>;

/** Rules in a canonical order (by node port): the driver renders and the plan compares them this way. */
export const sortRules = (rules: readonly ForwardingRule[]): readonly ForwardingRule[] =>
  [...rules].sort((a, b) => a.nodePort - b.nodePort);

/** The same rules, whatever their order. */
export const sameRules = (a: readonly ForwardingRule[], b: readonly ForwardingRule[]): boolean => {
  const x = sortRules(a);
  const y = sortRules(b);
  return (
    x.length === y.length && x.every((r, i) => r.nodePort === y[i]?.nodePort && r.hostPort === y[i]?.hostPort)
  );
};
