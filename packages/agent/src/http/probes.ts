import type { AgentStatus } from '../agent-status.js';

/**
 * Before the first tick the interval is not known yet (no configuration): allow this long from start-up,
 * enough for identity resolution and a first file read with a few retries.
 */
const startupGraceMs = 60_000;

/**
 * `/healthz`: the loop is alive, i.e. it has ticked within three resync intervals. A loop that is stuck
 * (a hung call, a dead stream) stops ticking and a supervisor can restart the process.
 */
export const isLive = (status: AgentStatus, now: number, startedAt: number): boolean => {
  if (status.lastTickAt === undefined || status.resyncIntervalMs === undefined) {
    return now - startedAt <= startupGraceMs;
  }
  return now - status.lastTickAt <= 3 * status.resyncIntervalMs;
};

/** `/readyz`: a good configuration is loaded and the last observation succeeded. */
export const isReady = (status: AgentStatus): boolean => status.ready;
