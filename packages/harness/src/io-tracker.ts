/**
 * Counts the work an agent has in flight outside its scheduler (AWS calls, journal writes, local task
 * reads), so that a virtual-time driver can tell "waiting for the clock" from "waiting for I/O" and only
 * moves time in the first case.
 */
export interface IoTracker {
  track<A>(work: () => Promise<A>): Promise<A>;
  pending(): number;
}

export const createIoTracker = (): IoTracker => {
  let pending = 0;
  return {
    track: async (work) => {
      pending += 1;
      try {
        return await work();
      } finally {
        pending -= 1;
      }
    },
    pending: () => pending,
  };
};
