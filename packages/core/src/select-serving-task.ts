import type { Candidate } from './candidate.js';

/**
 * The order of candidates, best first: ready before not ready, then the latest start, then the task ARN.
 * It is a total order on distinct tasks, so every host's agent picks the same serving task from the same
 * cluster without talking to the others, and two hosts never fight over a listener.
 */
export const compareCandidates = (a: Candidate, b: Candidate): number => {
  if (a.ready !== b.ready) return a.ready ? -1 : 1;
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
