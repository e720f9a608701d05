import { type ForwardingRule, sortRules } from '@statika/core';

/** Statika's own table: nothing else is ever written, and everything in it is Statika's. */
export const TABLE = 'statika';

/**
 * Before Docker's own DNAT (iptables' nat table registers at priority dstnat, -100): in one netfilter
 * hook only the first NAT decision of a connection applies, so our redirect must come first to be
 * deterministic. It cannot clash with Docker's rules anyway: Docker matches the published host ports,
 * and a node port is never one of them.
 */
export const PRIORITY = -110;

/**
 * One rule: TCP to the node port on one of this host's own addresses is redirected to the serving task's
 * published host port on the same address. Only local destinations (`fib daddr type local`), so traffic
 * that merely passes through the host, or leaves it, is never taken.
 */
const ruleLine = (rule: ForwardingRule): string =>
  `    fib daddr type local tcp dport ${rule.nodePort} redirect to :${rule.hostPort}`;

const chain = (name: 'prerouting' | 'output', rules: readonly ForwardingRule[]): string[] => [
  `  chain ${name} {`,
  `    type nat hook ${name} priority ${PRIORITY}; policy accept;`,
  ...rules.map(ruleLine),
  '  }',
];

/**
 * The `nft -f` script that makes the table hold exactly `rules`: create the table if it is missing,
 * delete it, define it again. `nft -f` applies a file as one transaction, so the swap is atomic.
 * Prerouting takes what arrives from the network (the load balancer and its health check); output takes
 * connections made on the host itself to its own node port.
 */
export const renderRuleset = (rules: readonly ForwardingRule[]): string => {
  const sorted = sortRules(rules);
  return [
    `table ip ${TABLE} {}`,
    `delete table ip ${TABLE}`,
    `table ip ${TABLE} {`,
    ...chain('prerouting', sorted),
    ...chain('output', sorted),
    '}',
    '',
  ].join('\n');
};

/** The script that removes the table, whether or not it exists. */
export const renderRemoval = (): string =>
  [`table ip ${TABLE} {}`, `delete table ip ${TABLE}`, ''].join('\n');
