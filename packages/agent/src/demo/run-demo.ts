import { demoScenario, type WorldSpec } from '@statika/sim';
import { createSimCluster } from '../sim-cluster/sim-cluster.js';
import { demoLine, narrateAgentEvent, narrateSimEvent, narrateTraffic } from './demo-narration.js';
import { type DemoScenario, demoScenarios } from './demo-scenarios.js';
import { formatSummary, type ScenarioResult } from './demo-summary.js';
import { runNodePortDemo } from './node-port-demo.js';
import { startTrafficProbe } from './traffic-probe.js';

/**
 * The sim's `demo` world, with the host not yet registered with tcp-elb, so that the first convergence
 * shows all three kinds of change: a registration, a health check and listeners moved.
 */
export const demoWorld = (): WorldSpec => {
  const spec = demoScenario();
  return {
    ...spec,
    loadBalancers: spec.loadBalancers.map((lb) => (lb.name === 'tcp-elb' ? { ...lb, instances: [] } : lb)),
  };
};

export interface DemoOptions {
  /** Virtual time: the same demo in a second or two. */
  readonly fast: boolean;
  /** Receives each line of output, without its newline. */
  readonly print: (line: string) => void;
  readonly seed?: number;
}

/** How long a scenario may take before the demo gives up on it. */
const SCENARIO_TIMEOUT_MS = { real: 45_000, virtual: 300_000 } as const;

/**
 * `statika demo`: the built-in demo world of `@statika/sim` (one host, an HTTP service `web` and a TCP
 * service `tcp` behind Classic ELBs that point at stale ports) with the real agent, narrated event by
 * event, through four scenarios; ends with a summary. Resolves with the results (the caller exits 1 if
 * one did not converge).
 */
export const runDemo = async (options: DemoOptions): Promise<readonly ScenarioResult[]> => {
  const { print } = options;
  const time = options.fast ? 'virtual' : 'real';
  const cluster = await createSimCluster({
    world: demoWorld(),
    time,
    startAgents: false,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const { world } = cluster;
  const startedAt = cluster.now();
  const say = (subject: string, text: string) => print(demoLine(cluster.now() - startedAt, subject, text));

  let throttled = 0;
  const unsubscribe = world.onEvent((event) => {
    if (event.type === 'fault' && /Throttl/.test(event.code)) throttled += 1;
    const line = narrateSimEvent(event);
    if (line !== undefined) say(line.subject, line.text);
  });
  const agentEvents = cluster.events$.subscribe(({ event }) => {
    for (const line of narrateAgentEvent(event)) say(line.subject, line.text);
  });
  const probe = startTrafficProbe(world, (target, ok) => {
    const listener = world
      .loadBalancer(target.loadBalancerName)
      ?.listeners.find((l) => l.loadBalancerPort === target.loadBalancerPort);
    say('probe', narrateTraffic(target, ok, listener?.instancePort));
  });

  print(
    `Statika demo${options.fast ? ' (--fast: virtual time)' : ''}: a simulated AWS on ${options.fast ? 'virtual time, in-process' : '127.0.0.1'}, ` +
      'real AWS SDK clients, the real agent; one host, two services.',
  );
  print(`The agent reads ${cluster.urls.configuration} and ${cluster.urls.services}.`);

  const results: ScenarioResult[] = [];
  for (const [index, scenario] of demoScenarios().entries()) {
    const result = await runScenario(index, scenario);
    results.push(result);
    if (!result.converged) break;
  }

  probe.stop();
  agentEvents.unsubscribe();
  unsubscribe();
  await cluster.stop();
  const nodePort = results.every((r) => r.converged) ? await runNodePortDemo(options) : undefined;
  if (nodePort !== undefined) results.push(nodePort);
  print('');
  print(formatSummary(results));
  const failed = results.filter((r) => !r.converged);
  print('');
  print(
    failed.length === 0 && results.length >= demoScenarios().length
      ? 'Every scenario converged.'
      : `Did not converge: ${failed.map((r) => r.title).join(', ')}.`,
  );
  return results;

  async function runScenario(index: number, scenario: DemoScenario): Promise<ScenarioResult> {
    print('');
    print(`== ${index + 1}. ${scenario.title}: ${scenario.story}`);
    world.resetCalls();
    throttled = 0;
    probe.reset(scenario.probes);
    const begin = cluster.now();
    scenario.start(cluster);
    const converged = await cluster.runUntil(() => scenario.done(cluster), {
      timeoutMs: SCENARIO_TIMEOUT_MS[time],
    });
    const durationMs = cluster.now() - begin;
    const counts = probe.counts();
    scenario.finish?.(cluster);
    say('statika', converged ? `converged in ${(durationMs / 1000).toFixed(1)} s` : 'did NOT converge');
    return {
      title: scenario.title,
      converged,
      durationMs,
      failedProbes: counts.failed,
      failedDuringSwap: counts.failedDuringSwap,
      probes: counts.probes,
      awsCalls: world.calls().total,
      throttledCalls: throttled,
      note: scenario.note,
    };
  }
};
