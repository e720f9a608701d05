import { maximum, median, show, sum } from './lib/stats.js';
import type { Table } from './lib/table.js';
import { APP, CREATE_LATENCY_MS, type DeployResult, START_JITTER_MS } from './rolling-deploys.js';

/** The rolling deploys' table: one row a configuration, with what was measured and how to rerun it. */
export const deploysTable = (results: readonly DeployResult[], deploys: number, machine: string): Table => ({
  title: `Rolling deploys: cut-over latency and failed probes (${deploys} deploys each, virtual time)`,
  columns: [
    'mode',
    'policy',
    'hosts (tasks)',
    'sleepTimeSeconds',
    'local watch',
    'cut-over median',
    'cut-over worst',
    'no cut-over',
    'deploys failing probes beyond the replacement',
    'beyond: median',
    'beyond: worst',
    'beyond: total',
    'in replacements: total',
    'listener replacements median (worst)',
    'deploys with more than 1 replacement',
    'moves between hosts',
    'registrations',
    'ELB change calls median (worst)',
    'ELB reads median (worst)',
  ],
  rows: results.map((r) => {
    const moved = r.cutOverMs.filter((ms): ms is number => ms !== undefined);
    const beyond = r.failedProbes.map((n, i) => n - (r.replacementProbes[i] ?? 0));
    return [
      r.mode,
      r.taskSelection,
      `${r.hosts} (${r.hosts})${r.drainServingHost ? ', serving host drained mid-deploy' : ''}`,
      r.sleepTimeSeconds,
      r.localWatch ? 'on' : 'off',
      show(median(moved) === undefined ? undefined : median(moved)! / 1000, 2, ' s'),
      show(maximum(moved) === undefined ? undefined : maximum(moved)! / 1000, 2, ' s'),
      r.cutOverMs.length - moved.length,
      beyond.filter((n) => n > 0).length,
      show(median(beyond), 1),
      show(maximum(beyond)),
      sum(beyond),
      sum(r.replacementProbes),
      `${show(median(r.replacements))} (${show(maximum(r.replacements))})`,
      r.replacements.filter((n) => n > 1).length,
      r.moved.filter((m) => m).length,
      sum(r.registrations),
      `${show(median(r.elbChanges))} (${show(maximum(r.elbChanges))})`,
      `${show(median(r.elbReads))} (${show(maximum(r.elbReads))})`,
    ];
  }),
  notes: [
    'Measured in the sim on virtual time: one service behind one Classic ELB (HTTP:80, health check every 5 s, 2 to pass or fail), one real agent per host with the real aws adapters (in-process SDK transport). One host runs one task; with two or three hosts each runs one (dynamic ports; Docker hands them out in sequence on each host, so they often coincide across hosts).',
    `The app starts in ${APP.startDelayMs / 1000} s, turns HEALTHY ${APP.healthyAfterMs / 1000} s later, and exits ${APP.stopTimeoutMs / 1000} s after SIGTERM; ECS stops the old task as soon as the new one is healthy (minimum healthy 100 %, maximum 200 %). settleTimeSeconds 5. With several hosts a deploy starts a new task on each (ECS spread placement), and each takes up to ${START_JITTER_MS / 1000} s more to start (the sim's startJitterMs), so their start order is random.`,
    'Cut-over latency: from the new task turning HEALTHY (ECS ready) to the listener forwarding to its host port on a registered instance. Failed probe: every 100 ms, "would a request to port 80 succeed" (a listener, an InService registered instance, a running task on its instance port).',
    `CreateLoadBalancerListeners answers after ${CREATE_LATENCY_MS} ms of virtual time, other calls at once. Probes that fail between a listener's delete and its create, while traffic flowed just before the delete, are the replacement itself ("in replacements"); every other failed probe is downtime beyond it ("beyond"). Negative cut-over: traffic moved before the new task was healthy.`,
    "Local watch off: the agent sees a task change only at its next resync. `single` is Statika 0.1's rule: act only when exactly one task of the family runs on the host. Cut-over with two hosts: the listener on one of the new tasks' ports; a replacement is one listener delete and create. Moves between hosts: deploys after which no host registered before it is registered; registrations: RegisterInstances calls that changed the load balancer (moves, static-port peers joining, node-port hosts rejoining). Serving host drained: the registered host is drained when the deploy's first new task runs; ECS replaces its tasks on the other host; afterwards (unmeasured) it is made ACTIVE again and gets a task back.",
    "Node-port mode (SPEC §4 rule 8): the listener and health check stay on the node port; each host forwards it to its own task with a kernel rule (here the fake host driver, which the sim's hosts follow, so the ELB health checks and the probe go through it). Its cut-over: every host forwarding to its new task. ELB calls: every call the agents made to ELB during the deploy, resyncs included (DescribeLoadBalancers once a resync and agent); changes are the calls that are not Describe*.",
    machine,
    'Rerun: `pnpm --filter @statika/agent bench -- --only deploys [--deploys N]`.',
  ],
});
