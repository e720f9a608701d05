import * as E from 'fp-ts/lib/Either.js';
import {
  describeHealthCheckTargetError,
  parseHealthCheckTarget,
  printHealthCheckTarget,
} from './health-check-target.js';
import type { HealthCheck } from './observation.js';

/** What the health check should become: unchanged, retargeted, or left alone because its target is unreadable. */
export type HealthCheckChange =
  | { readonly _tag: 'unchanged' }
  | { readonly _tag: 'retarget'; readonly after: HealthCheck }
  | { readonly _tag: 'unreadable'; readonly reason: string };

/**
 * The health check probing `hostPort`, keeping its protocol, path and every threshold. Targets are
 * compared parsed, so `http:32768/health` already probes port 32768.
 */
export const desiredHealthCheck = (current: HealthCheck, hostPort: number): HealthCheckChange => {
  const parsed = parseHealthCheckTarget(current.target);
  if (E.isLeft(parsed)) {
    return {
      _tag: 'unreadable',
      reason: `${describeHealthCheckTargetError(parsed.left)}; health check left alone`,
    };
  }
  if (parsed.right.port === hostPort) return { _tag: 'unchanged' };
  return {
    _tag: 'retarget',
    after: { ...current, target: printHealthCheckTarget({ ...parsed.right, port: hostPort }) },
  };
};
