import type { AwsError } from '@statika/aws';
import type { Observation, Spec } from '@statika/core';
import type { HostDriver, HostError } from '@statika/host';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';

/** A host driver's error in the agent's one error type, so backoff, logs and metrics treat it alike. */
export const hostAwsError = (error: HostError): AwsError => ({
  _tag: 'AwsError',
  retryable: error.retryable,
  service: 'host',
  operation: error.operation,
  resource: 'table ip statika',
  code: error.code,
  message: error.message,
});

export const usesNodePorts = (spec: Spec): boolean => spec.services.some((s) => s.nodePort !== undefined);

/**
 * The AWS observation completed with this host's forwarding rules, read only when a service uses
 * node-port mode (a host without one never runs `nft`). A failed read fails the observation: rule 4,
 * never plan on a partial view.
 */
export const withForwardingRules = async (
  spec: Spec,
  observed: Either<AwsError, Observation>,
  driver: HostDriver | undefined,
): Promise<Either<AwsError, Observation>> => {
  if (E.isLeft(observed) || driver === undefined || !usesNodePorts(spec)) return observed;
  const rules = await driver.readRules();
  return E.isLeft(rules)
    ? E.left(hostAwsError(rules.left))
    : E.right({ ...observed.right, forwarding: [...rules.right] });
};
