import type { ClusterSize } from './observation.js';
import type { Spec } from './spec.js';

/** ECS answers 100 tasks a ListTasks page and describes 100 tasks a call. */
const ECS_PAGE = 100;

/**
 * How long the reads of an observation cut off by throttling may be kept and resumed, instead of reading
 * everything again from the first page, given what they have found so far of the cluster (`known`: the
 * tasks listed, the hosts of the tasks described). A resumed observation is used only once every read is
 * in (rule 4: never an incomplete one); this bounds how old its oldest part may then be.
 *
 * The bound is one round of the fleet's ECS read budget: the time the agents of a cluster this size need
 * to observe once each within `fleetEcsReadsPerSecond` (its hosts: those of the tasks described so far,
 * or, before any is, every task listed, as when Statika runs as a daemon service). When a whole fleet
 * starts at once the account's bucket is shared by every agent; an agent gets its turn within that round,
 * and a shorter bound would drop its reads before it could finish them, so that the fleet starts over
 * again and again. A cluster whose round is shorter than `sleepTimeSeconds` keeps nothing (0): its own
 * agents never throttle one another, and a throttled observation there is one AWS or another tool caused,
 * which the next resync reads afresh (the soak's seed 28 found a late registration when such a cluster
 * resumed a stale task list). A large fleet already resyncs far less often than its round (the budget's
 * interval), so no observation is older than what the budget makes of a steady agent's knowledge.
 */
export const partialReadsMaxAgeMs = (spec: Spec, known: ClusterSize): number => {
  const { configuration } = spec;
  const hosts = Math.max(known.containerInstances > 0 ? known.containerInstances : known.tasks, 1);
  const pages = Math.max(1, Math.ceil(known.tasks / ECS_PAGE));
  // Every ListTasks page, DescribeTasks per page, and DescribeContainerInstances for the hosts of the
  // configured tasks (one call up to 100 of them).
  const reads = 2 * pages + 1;
  const round = (1000 * hosts * reads) / configuration.fleetEcsReadsPerSecond;
  return round < configuration.sleepTimeSeconds * 1000 ? 0 : Math.ceil(round);
};
