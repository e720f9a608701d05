import * as E from 'fp-ts/lib/Either.js';
import { parseHealthCheckTarget, printHealthCheckTarget } from './health-check-target.js';
import type { HealthCheck } from './observation.js';

/** What the health check should become: unchanged, retargeted, or left alone because its target is unreadable. */
export type HealthCheckChange =
  | { readonly type: 'unchanged' }
  | { readonly type: 'retarget'; readonly after: HealthCheck }
  | { readonly type: 'unreadable' };

/**
 * The health check probing `hostPort`, keeping its protocol, path and every threshold. Targets are
 * compared parsed, so `http:32768/health` already probes port 32768.
 */
export const desiredHealthCheck = (current: HealthCheck, hostPort: number): HealthCheckChange => {
  const parsed = parseHealthCheckTarget(current.target);
  if (E.isLeft(parsed)) {
    return { type: 'unreadable' };
  }
  if (parsed.right.port === hostPort) return { type: 'unchanged' };
  return {
    type: 'retarget',
    after: { ...current, target: printHealthCheckTarget({ ...parsed.right, port: hostPort }) },
  };
};
