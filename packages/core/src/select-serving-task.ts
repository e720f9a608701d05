import type { Candidate } from './candidate.js';
import type { InstanceId } from './ids.js';
import type { LoadBalancer } from './observation.js';
import { servingRanks } from './serving-rank.js';

/**
 * The order of candidates, best first (SPEC §4 rule 2): the rank (the incumbent, then a candidate on a
 * serving host, then any other; see serving-rank.ts), then ready before not ready, then able to take
 * traffic before not, then the latest start, then the task ARN. It is a total order on distinct tasks and
 * depends only on the cluster's tasks and the load balancer, which every host observes alike, so every
 * host's agent picks the same serving task without talking to the others and two hosts never fight over
 * a listener.
 */
export const compareCandidates = (a: Candidate, b: Candidate): number => {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.ready !== b.ready) return a.ready ? -1 : 1;
  if (a.canTakeTraffic !== b.canTakeTraffic) return a.canTakeTraffic ? -1 : 1;
  const aStart = a.task.startedAt ?? Number.NEGATIVE_INFINITY;
  const bStart = b.task.startedAt ?? Number.NEGATIVE_INFINITY;
  if (aStart !== bStart) return bStart > aStart ? 1 : -1;
  return a.task.taskArn < b.task.taskArn ? -1 : a.task.taskArn > b.task.taskArn ? 1 : 0;
};

/** The serving task of a service (policy newest-ready): the best candidate cluster-wide, if any. */
export const selectServingTask = (candidates: readonly Candidate[]): Candidate | undefined => {
  let best: Candidate | undefined;
  for (const c of candidates) if (best === undefined || compareCandidates(c, best) < 0) best = c;
  return best;
};

/**
 * The serving task once `instanceId` is registered too (what the next plan would choose if this host
 * joined the load balancer now).
 */
export const servingTaskWith = (
  candidates: readonly Candidate[],
  lb: LoadBalancer,
  instanceId: InstanceId,
): Candidate | undefined => {
  if (lb.instances.includes(instanceId)) return selectServingTask(candidates);
  const ranks = servingRanks(candidates, lb, [...lb.instances, instanceId]);
  return selectServingTask(candidates.map((c, i) => ({ ...c, rank: ranks[i] ?? c.rank })));
};
