/**
 * `pnpm bench` (the agent's part; the core's plan benchmark runs in its own package): prints one Markdown
 * table per measurement, each with what was measured, the machine and how to rerun it.
 *
 *   --only calls|deploys|process|fleet   one measurement
 *   --hosts 1,10,100,500           fleet sizes (default these four with --only fleet, else 1,10)
 *   --steady S                     fleet: seconds of the quiet steady window (default 900)
 *   --deploys N                    rolling deploys per configuration (default 100)
 *   --window S                     seconds the agent process is measured for (default 60)
 *   --quick                        fewer deploys (20), a 20 s window, smaller clusters: a smoke run
 */
import { performance } from 'node:perf_hooks';
import { measureProcess, processTable } from './agent-process.js';
import { type CallsCase, callsTable, measureCalls } from './calls-per-resync.js';
import { deploysTable } from './deploys-table.js';
import { type FleetRow, fleetLine, fleetTable, measureFleet } from './fleet.js';
import { intOption, parseArgs } from './lib/args.js';
import { describeMachine } from './lib/machine.js';
import { formatTable } from './lib/table.js';
import { measureDeploys } from './rolling-deploys.js';

const print = (text: string) => process.stdout.write(`${text}\n`);

const main = async (): Promise<void> => {
  const options = parseArgs(process.argv.slice(2));
  const quick = options.has('quick');
  const only = options.get('only');
  const machine = describeMachine();
  const runs = (name: string) => only === undefined || only === name;
  const started = performance.now();
  const timed = async <A>(name: string, work: () => Promise<A>): Promise<A> => {
    const t0 = performance.now();
    const result = await work();
    process.stderr.write(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    return result;
  };

  if (runs('calls')) {
    const cases: CallsCase[] = [];
    for (const services of quick ? [1, 10] : [1, 10, 100]) {
      for (const hosts of [1, 10])
        cases.push(...(await timed(`calls ${services}x${hosts}`, () => measureCalls(services, hosts))));
    }
    print(formatTable(callsTable(cases, machine)));
  }
  if (runs('deploys')) {
    const deploys = intOption(options, 'deploys', quick ? 20 : 100);
    print(formatTable(deploysTable(await timed('deploys', () => measureDeploys(deploys)), deploys, machine)));
  }
  if (runs('process')) {
    const windowSeconds = intOption(options, 'window', quick ? 20 : 60);
    print(
      formatTable(
        processTable(await timed('process', () => measureProcess(windowSeconds)), windowSeconds, machine),
      ),
    );
  }
  if (runs('fleet')) {
    // 500 in-process agents take a long while: every size with `--only fleet`, the small ones otherwise.
    const defaultSizes = only === 'fleet' && !quick ? '1,10,100,500' : '1,10';
    const sizes = (options.get('hosts') ?? defaultSizes).split(',').map(Number);
    const fleetOptions = {
      steadySeconds: intOption(options, 'steady', quick ? 300 : 900),
      changes: quick ? 4 : 20,
      changeEverySeconds: 30,
    };
    const rows: FleetRow[] = [];
    for (const hosts of sizes) {
      for (const row of await timed(`fleet ${hosts}`, () => measureFleet(hosts, fleetOptions))) {
        print(fleetLine(row));
        rows.push(row);
      }
    }
    print(formatTable(fleetTable(rows, fleetOptions, machine)));
  }
  process.stderr.write(`bench: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
