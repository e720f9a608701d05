import { absurd } from 'fp-ts/lib/function.js';
import type { Failure } from './failure.js';

/**
 * Whether trying the same thing again soon can help: AWS asked us to slow down, there was no usable
 * answer, the journal could not be written, or an adapter threw. A missing resource, a conflict, a
 * refusal and an invalid request need something else to change first (the next observation, an
 * operator): they wait for the next resync.
 */
export const isRetryable = (failure: Failure): boolean => {
  switch (failure.type) {
    case 'throttled':
    case 'transient':
    case 'journal':
    case 'unexpected':
      return true;
    case 'not-found':
    case 'conflict':
    case 'denied':
    case 'invalid':
    case 'terminal':
      return false;
    default:
      return absurd(failure);
  }
};
