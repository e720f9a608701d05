import * as E from 'fp-ts/lib/Either.js';
import { type ElbError, elbError, validationError } from './elb-error.js';
import type { SimBackendServer, SimListener } from './load-balancer.js';

/**
 * A load balancer's policies (CreateLoadBalancerPolicy). They belong to the load balancer, not to a
 * listener: deleting a listener drops its list of policy names and leaves the policies, so that
 * SetLoadBalancerPoliciesOfListener can put them back on the listener created in its place.
 */
export interface Policy {
  readonly policyName: string;
  readonly policyTypeName: string;
  readonly attributes: readonly { name: string; value: string }[];
}

export const POLICY_TYPES = [
  'ProxyProtocolPolicyType',
  'SSLNegotiationPolicyType',
  'AppCookieStickinessPolicyType',
  'LBCookieStickinessPolicyType',
  'PublicKeyPolicyType',
  'BackendServerAuthenticationPolicyType',
] as const;

/** CreateLoadBalancerPolicy's checks; the same policy created again is accepted, as AWS is idempotent. */
export const checkNewPolicy = (
  loadBalancerName: string,
  policy: Policy,
  existing: Policy | undefined,
): E.Either<ElbError, 'create' | 'exists'> => {
  if (!/^[A-Za-z0-9-]{1,255}$/.test(policy.policyName)) {
    return validationError(`Invalid PolicyName '${policy.policyName}'`);
  }
  if (!(POLICY_TYPES as readonly string[]).includes(policy.policyTypeName)) {
    return elbError('PolicyTypeNotFound', `There is no policy type named '${policy.policyTypeName}'`);
  }
  if (existing === undefined) return E.right('create');
  return JSON.stringify(existing) === JSON.stringify(policy)
    ? E.right('exists')
    : elbError('DuplicatePolicyName', `Policy '${policy.policyName}' already exists for ${loadBalancerName}`);
};

/**
 * A policy that cannot go on this listener: backend-server policies never do, SSL negotiation only on
 * a secure front end (HTTPS, SSL).
 */
export const misfitOnListener = (policy: Policy, listener: SimListener): boolean =>
  policy.policyTypeName === 'ProxyProtocolPolicyType' ||
  policy.policyTypeName === 'BackendServerAuthenticationPolicyType' ||
  (policy.policyTypeName === 'SSLNegotiationPolicyType' && !['HTTPS', 'SSL'].includes(listener.protocol));

/** SetLoadBalancerPoliciesOfListener's checks: every policy exists and fits the listener. */
export const checkListenerPolicies = (
  loadBalancerName: string,
  listener: SimListener,
  policyNames: readonly string[],
  policies: ReadonlyMap<string, Policy>,
): E.Either<ElbError, void> => {
  for (const policyName of policyNames) {
    const policy = policies.get(policyName);
    if (policy === undefined)
      return elbError('PolicyNotFound', `There is no policy named '${policyName}' for ${loadBalancerName}`);
    if (misfitOnListener(policy, listener)) {
      return elbError(
        'InvalidConfigurationRequest',
        `Policy '${policyName}' of type ${policy.policyTypeName} cannot be set on the ${listener.protocol} listener on port ${listener.loadBalancerPort}`,
      );
    }
  }
  return E.right(undefined);
};

/** Policies a scenario names exist from the start, of the type their use suggests, so restoring them works. */
export const scenarioPolicies = (
  listeners: readonly SimListener[],
  backendServers: readonly SimBackendServer[],
): Map<string, Policy> => {
  const names = new Set([
    ...listeners.flatMap((l) => l.policyNames),
    ...backendServers.flatMap((b) => b.policyNames),
  ]);
  return new Map(
    [...names].map((name) => [
      name,
      { policyName: name, policyTypeName: guessPolicyType(name, backendServers), attributes: [] },
    ]),
  );
};

const guessPolicyType = (name: string, backendServers: readonly SimBackendServer[]): string =>
  backendServers.some((b) => b.policyNames.includes(name))
    ? 'ProxyProtocolPolicyType'
    : /ssl|tls|negotiation/i.test(name)
      ? 'SSLNegotiationPolicyType'
      : 'AppCookieStickinessPolicyType';
