/**
 * `pnpm soak`: a seeded fault-injection soak on virtual time (see bench/soak/run-soak.ts).
 * `pnpm soak -- --events 1000 --seed 7`; `--seed random` draws one (printed); `--quiet-every N`; `--verbose`;
 * `--trace lb-1,lb-2`: every change of those load balancers and every agent action on them, in the event log.
 * Exit 1 when an invariant is violated.
 */
import { intOption, parseArgs } from './lib/args.js';
import { describeMachine } from './lib/machine.js';
import { runSoak, type SoakReport } from './soak/run-soak.js';

const MAX_EVENTS_SHOWN = 60;

const print = (report: SoakReport): void => {
  const log = (line = '') => process.stdout.write(`${line}\n`);
  log(`seed ${report.seed}, ${report.events} events, ${report.quietPeriods} quiet periods checked`);
  log(
    `virtual time ${(report.virtualMs / 3_600_000).toFixed(2)} h in ${(report.wallMs / 1000).toFixed(1)} s of wall time; ${report.awsCalls} AWS calls`,
  );
  log(
    `events: ${Object.entries(report.counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  log(
    `agents: ${Object.entries(report.agent)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  if (report.unsettled > 0)
    log(`warning: in ${report.unsettled} quiet period(s) the simulated ECS did not settle; not checked`);
  log(describeMachine());
  if (report.violations.length === 0) {
    log('no violation');
    return;
  }
  const byInvariant = new Map<string, number>();
  for (const v of report.violations) byInvariant.set(v.invariant, (byInvariant.get(v.invariant) ?? 0) + 1);
  const periods = new Set(report.violations.map((v) => v.quietPeriod)).size;
  log(
    `violations by invariant: ${[...byInvariant].map(([k, v]) => `${k} ${v}`).join(', ')}; in ${periods} of ${report.quietPeriods} quiet periods`,
  );
  log(
    `${report.violations.length} violation(s)${report.repeated > 0 ? ` (and ${report.repeated} found again in the next period, not listed again)` : ''}:`,
  );
  const byPeriod = new Map<number, SoakReport['violations'][number][]>();
  for (const v of report.violations) byPeriod.set(v.quietPeriod, [...(byPeriod.get(v.quietPeriod) ?? []), v]);
  for (const [period, found] of byPeriod) {
    log();
    log(`quiet period ${period} (at ${((found[0]?.at ?? 0) / 1000).toFixed(1)} s):`);
    for (const v of found) log(`  [${v.invariant}] ${v.subject}: ${v.message}`);
    const events = found[0]?.events ?? [];
    log(
      `  the events that led to it (${events.length}${events.length > MAX_EVENTS_SHOWN ? `, the last ${MAX_EVENTS_SHOWN}` : ''}):`,
    );
    for (const line of events.slice(-MAX_EVENTS_SHOWN)) log(`    ${line}`);
  }
  log();
  log(`rerun: pnpm soak -- --events ${report.events} --seed ${report.seed}`);
};

const main = async (): Promise<number> => {
  const options = parseArgs(process.argv.slice(2));
  const seed =
    options.get('seed') === 'random' ? Math.floor(Math.random() * 2 ** 31) : intOption(options, 'seed', 1);
  const report = await runSoak({
    seed,
    events: intOption(options, 'events', 10_000),
    quietEvery: Math.max(1, intOption(options, 'quiet-every', 50)),
    verbose: options.has('verbose'),
    trace: options.get('trace')?.split(',') ?? [],
    log: (line) => process.stdout.write(`${line}\n`),
  });
  print(report);
  return report.violations.length > 0 ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
