import type {
  BackendServerDescription,
  ListenerDescription,
  LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  type BackendServer,
  type HealthCheck,
  instanceId,
  type Listener,
  type LoadBalancer,
  loadBalancerName,
} from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';

/** What a description lacks when it cannot be mapped: AWS always sends these, so this is a broken answer. */
export type Malformed = string;

const toListener = (description: ListenerDescription): E.Either<Malformed, Listener> => {
  const l = description.Listener;
  if (l?.Protocol === undefined || l.LoadBalancerPort === undefined || l.InstancePort === undefined) {
    return E.left('a listener without Protocol, LoadBalancerPort or InstancePort');
  }
  return E.right({
    protocol: l.Protocol,
    loadBalancerPort: l.LoadBalancerPort,
    instancePort: l.InstancePort,
    policyNames: description.PolicyNames ?? [],
    // Absent and empty are the same to AWS; keep absent so it is never sent back as an empty field.
    ...(l.InstanceProtocol ? { instanceProtocol: l.InstanceProtocol } : {}),
    ...(l.SSLCertificateId ? { sslCertificateId: l.SSLCertificateId } : {}),
  });
};

const toBackendServer = (description: BackendServerDescription): E.Either<Malformed, BackendServer> =>
  description.InstancePort === undefined
    ? E.left('a backend server description without InstancePort')
    : E.right({ instancePort: description.InstancePort, policyNames: description.PolicyNames ?? [] });

const toHealthCheck = (description: LoadBalancerDescription): E.Either<Malformed, HealthCheck> => {
  const h = description.HealthCheck;
  if (
    h?.Target === undefined ||
    h.Interval === undefined ||
    h.Timeout === undefined ||
    h.UnhealthyThreshold === undefined ||
    h.HealthyThreshold === undefined
  ) {
    return E.left('no complete HealthCheck');
  }
  return E.right({
    target: h.Target,
    interval: h.Interval,
    timeout: h.Timeout,
    unhealthyThreshold: h.UnhealthyThreshold,
    healthyThreshold: h.HealthyThreshold,
  });
};

/** Every item mapped, or the first that could not be. */
const all = <A, B>(items: readonly A[], f: (a: A) => E.Either<Malformed, B>): E.Either<Malformed, B[]> =>
  E.map((bs: readonly B[]) => [...bs])(E.traverseArray(f)(items));

/** SDK LoadBalancerDescription → core LoadBalancer; Left names what AWS's answer lacked. */
export const toLoadBalancer = (description: LoadBalancerDescription): E.Either<Malformed, LoadBalancer> => {
  if (!description.LoadBalancerName) return E.left('a load balancer without LoadBalancerName');
  const listeners = all(description.ListenerDescriptions ?? [], toListener);
  if (E.isLeft(listeners)) return listeners;
  const backendServers = all(description.BackendServerDescriptions ?? [], toBackendServer);
  if (E.isLeft(backendServers)) return backendServers;
  const healthCheck = toHealthCheck(description);
  if (E.isLeft(healthCheck)) return healthCheck;
  return E.right({
    name: loadBalancerName(description.LoadBalancerName),
    listeners: listeners.right,
    backendServers: backendServers.right,
    healthCheck: healthCheck.right,
    instances: (description.Instances ?? []).flatMap((i) => (i.InstanceId ? [instanceId(i.InstanceId)] : [])),
  });
};
