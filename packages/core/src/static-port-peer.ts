import type { Candidate } from './candidate.js';
import type { InstanceId } from './ids.js';
import type { LoadBalancer } from './observation.js';
import { compareCandidates, servingTaskWith } from './select-serving-task.js';
import { samePorts } from './task-ports.js';

/** This host's best candidate bound to the serving task's ports (best, so the reason is order-independent). */
export const staticPortPeer = (
  candidates: readonly Candidate[],
  serving: Candidate,
): Candidate | undefined => {
  let peer: Candidate | undefined;
  for (const c of candidates) {
    if (
      c.onThisHost &&
      samePorts(c.ports, serving.ports) &&
      (peer === undefined || compareCandidates(c, peer) < 0)
    ) {
      peer = c;
    }
  }
  return peer;
};

/**
 * Whether this host, out of the load balancer, joins it now for `peer`, a static-port peer of the serving
 * task. A registered host with a peer stays; an unregistered one joins only:
 * - for a ready peer. Docker hands out dynamic ports in sequence on every host, so a new task often gets
 *   the serving task's port by chance; joining for it in the middle of a deploy would make this freshly
 *   registered host (OutOfService for HealthyThreshold x Interval) a serving host, and the service could
 *   then move to it when the old task stops. A task that has settled has outlived the old one in a deploy.
 * - when the next plan, with this host registered, has nothing more to do (SPEC rule 6): registering also
 *   lifts this host's other candidates to a serving host's rank, and one of them might then win.
 */
export const joinsForPeer = (
  candidates: readonly Candidate[],
  peer: Candidate,
  lb: LoadBalancer,
  instanceId: InstanceId,
): boolean => {
  if (!peer.ready) return false;
  const next = servingTaskWith(candidates, lb, instanceId);
  if (next === undefined) return false;
  // On this host: the load balancer must already forward to it and probe it (rank 0), or the next plan
  // would retarget them. Elsewhere: this host must still run a peer of it, or the next plan deregisters.
  return next.onThisHost ? next.rank === 0 : staticPortPeer(candidates, next) !== undefined;
};
