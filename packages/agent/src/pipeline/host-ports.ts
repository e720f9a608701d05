import { denied, type Failure, terminal, transient } from '@statika/aws';
import type { Observation, Spec } from '@statika/core';
import type { HostDriver, HostError } from '@statika/host';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';

/**
 * A host driver's error as a failure, so backoff, logs and metrics treat it alike: a timeout or a failed
 * `nft` may pass, a refused permission (no NET_ADMIN) needs an operator, a missing `nft` or an answer
 * that does not parse will not fix itself.
 */
export const hostFailure = (error: HostError): Failure => {
  const fields = {
    service: 'host',
    operation: error.operation,
    resource: 'table ip statika',
    code: error.code,
    message: error.message,
  } as const;
  if (error.retryable) return transient(fields);
  return error.code === 'PermissionDenied' ? denied(fields) : terminal(fields);
};

export const usesNodePorts = (spec: Spec): boolean => spec.services.some((s) => s.nodePort !== undefined);

/**
 * The AWS observation completed with this host's forwarding rules, read only when a service uses
 * node-port mode (a host without one never runs `nft`). A failed read fails the observation: rule 4,
 * never plan on a partial view.
 */
export const withForwardingRules = async (
  spec: Spec,
  observed: Either<Failure, Observation>,
  driver: HostDriver | undefined,
): Promise<Either<Failure, Observation>> => {
  if (E.isLeft(observed) || driver === undefined || !usesNodePorts(spec)) return observed;
  const rules = await driver.readRules();
  return E.isLeft(rules)
    ? E.left(hostFailure(rules.left))
    : E.right({ ...observed.right, forwarding: [...rules.right] });
};
