/** How one scenario of the demo went. */
export interface ScenarioResult {
  readonly title: string;
  readonly converged: boolean;
  /** From the scenario's trigger to the moment it had converged (or gave up). */
  readonly durationMs: number;
  /** Probes that failed outside a listener replacement. */
  readonly failedProbes: number;
  /** Probes that failed during a listener replacement (between its delete and its create). */
  readonly failedDuringSwap: number;
  readonly probes: number;
  /** ECS, ELB and S3 calls, throttled ones included. */
  readonly awsCalls: number;
  readonly throttledCalls: number;
  /** Why failed probes are expected in this scenario, when they are. */
  readonly note: string | undefined;
}

const row = (cells: readonly string[], widths: readonly number[]): string =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');

/** The table the demo ends with: one row a scenario, with notes under it. */
export const formatSummary = (results: readonly ScenarioResult[]): string => {
  const header = ['scenario', 'converged in', 'failed probes', 'AWS calls'];
  const rows = results.map((r, i) => [
    `${i + 1}. ${r.title}`,
    r.converged ? `${(r.durationMs / 1000).toFixed(1)} s` : `NOT (${(r.durationMs / 1000).toFixed(0)} s)`,
    `${r.failedProbes}/${r.probes}${r.note === undefined ? '' : ' *'}${r.failedDuringSwap > 0 ? ` (+${r.failedDuringSwap} in swap)` : ''}`,
    r.throttledCalls > 0 ? `${r.awsCalls} (${r.throttledCalls} throttled)` : `${r.awsCalls}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const notes = results.flatMap((r, i) => (r.note === undefined ? [] : [`  * ${i + 1}: ${r.note}`]));
  return [
    row(header, widths),
    row(
      widths.map((w) => '-'.repeat(w)),
      widths,
    ),
    ...rows.map((r) => row(r, widths)),
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
};
