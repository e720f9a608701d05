import { type Listener, parseHealthCheckTarget, plan, type ServiceSpec, type Spec } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { type ClusterView, candidatesOf, observationOf, type ViewLoadBalancer } from './cluster-view.js';

/**
 * The soak's invariants, as pure functions of what the sim shows (and, for flapping, of the listener
 * changes it reported). Each returns the violations it finds, empty when the invariant holds.
 */
export type InvariantName =
  /** Every load balancer keeps the listeners it started with, but for instance ports. */
  | 'listeners-kept'
  /** Every service reached its desired state within two resyncs of the last fault. */
  | 'converged'
  /** An instance registered with a service's load balancer runs a candidate task of it. */
  | 'registered-has-candidate'
  /** A listener never returns to a target it left while nothing changed. */
  | 'no-alternation'
  /** Once converged, nothing changes any more. */
  | 'stable'
  /** Once converged and past the ELB's health check thresholds, a request to every served listener succeeds. */
  | 'traffic';

export interface Violation {
  readonly invariant: InvariantName;
  /** The load balancer or service concerned. */
  readonly subject: string;
  readonly message: string;
}

const upper = (s: string | undefined): string => (s ?? '').toUpperCase();

/** A listener without its instance port: what must survive any number of replacements. */
export const listenerShape = (l: Listener): string =>
  [
    upper(l.protocol),
    l.loadBalancerPort,
    upper(l.instanceProtocol ?? l.protocol),
    l.sslCertificateId ?? '',
    [...l.policyNames].sort().join(','),
  ].join(' ');

const byPort = (listeners: readonly Listener[]): string[] =>
  [...listeners].sort((a, b) => a.loadBalancerPort - b.loadBalancerPort).map(listenerShape);

/** No listener lost or invented: each load balancer's listeners equal the initial ones but for instance ports. */
export const checkListenersKept = (
  initial: readonly ViewLoadBalancer[],
  current: readonly ViewLoadBalancer[],
): Violation[] =>
  initial.flatMap((before) => {
    const after = current.find((lb) => lb.name === before.name);
    if (after === undefined) {
      return [
        { invariant: 'listeners-kept' as const, subject: before.name, message: 'the load balancer is gone' },
      ];
    }
    const was = byPort(before.listeners);
    const is = byPort(after.listeners);
    if (was.join('\n') === is.join('\n')) return [];
    const lost = was.filter((l) => !is.includes(l));
    const invented = is.filter((l) => !was.includes(l));
    return [
      {
        invariant: 'listeners-kept' as const,
        subject: before.name,
        message: `listeners changed: lost [${lost.join('; ')}], invented [${invented.join('; ')}]`,
      },
    ];
  });

/** Every instance registered with a service's load balancer runs a candidate task of that service. */
export const checkRegisteredHaveCandidates = (
  view: ClusterView,
  services: readonly ServiceSpec[],
): Violation[] =>
  services.flatMap((service) => {
    const lb = view.loadBalancers.find((l) => l.name === service.loadBalancerName);
    if (lb === undefined) return [];
    const candidates = candidatesOf(view, service);
    return lb.instances
      .filter((id) => !candidates.some((c) => c.instanceId === id))
      .map((id) => ({
        invariant: 'registered-has-candidate' as const,
        subject: lb.name,
        message: `${id} is registered but runs no candidate task of ${service.serviceName}`,
      }));
  });

/**
 * Where a service's load balancer stands against its tasks, independently of the core's choice of task:
 * when the service has a candidate, every listener and the health check forward to one port, and a
 * registered instance runs a candidate bound to it.
 */
export const checkServing = (view: ClusterView, services: readonly ServiceSpec[]): Violation[] =>
  services.flatMap((service) => {
    const lb = view.loadBalancers.find((l) => l.name === service.loadBalancerName);
    const candidates = candidatesOf(view, service);
    if (lb === undefined || candidates.length === 0) return [];
    const target = parseHealthCheckTarget(lb.healthCheck.target);
    const ports = new Set([
      ...lb.listeners.map((l) => l.instancePort),
      E.isRight(target) ? target.right.port : -1,
    ]);
    const [port] = ports;
    const served =
      ports.size === 1 &&
      candidates.some((c) => c.hostPort === port && lb.instances.some((id) => id === c.instanceId));
    if (served) return [];
    return [
      {
        invariant: 'converged' as const,
        subject: service.serviceName,
        message: `${lb.name} forwards to [${[...ports].join(', ')}] (instances ${lb.instances.join(', ') || 'none'}), candidates ${candidates.map((c) => `${c.instanceId}:${c.hostPort}`).join(', ')}`,
      },
    ];
  });

/**
 * Converged: from every host's point of view the core plans nothing, and the load balancers serve a
 * candidate wherever there is one (`checkServing`). A service listed here has not converged.
 */
export const checkConverged = (view: ClusterView, spec: Spec): Violation[] => {
  const pending = new Map<string, string>();
  for (const host of view.hosts) {
    const result = plan(spec, observationOf(view, host, spec.services), view.at);
    for (const action of result.actions) {
      if (!pending.has(action.serviceName))
        pending.set(
          action.serviceName,
          `${host.instanceId} still plans ${action.type} on ${action.loadBalancerName}`,
        );
    }
  }
  const planned: Violation[] = [...pending].map(([subject, message]) => ({
    invariant: 'converged',
    subject,
    message,
  }));
  return [...planned, ...checkServing(view, spec.services)];
};

/** A listener's forward target after a change: the instances that serve its port, and the port. */
export interface ListenerMove {
  readonly at: number;
  readonly loadBalancerName: string;
  readonly loadBalancerPort: number;
  /** `i-…:port` (several instances joined with `|` when the port is bound on more than one). */
  readonly target: string;
}

/**
 * Flapping: a listener that moves back to a target it left (A → B → A) while the cluster stood still.
 * `moves` are in time order; a listener staying on one target is not a move.
 */
export const findAlternations = (moves: readonly ListenerMove[]): Violation[] => {
  const history = new Map<string, string[]>();
  const violations: Violation[] = [];
  for (const move of moves) {
    const key = `${move.loadBalancerName}:${move.loadBalancerPort}`;
    const seen = history.get(key) ?? [];
    if (seen.at(-1) === move.target) continue;
    if (seen.includes(move.target)) {
      violations.push({
        invariant: 'no-alternation',
        subject: move.loadBalancerName,
        message: `listener ${move.loadBalancerPort} went back to ${move.target} after ${seen.slice(seen.indexOf(move.target) + 1).join(' → ')}`,
      });
    }
    history.set(key, [...seen, move.target]);
  }
  return violations;
};

/**
 * Traffic flows: every listener of a service that has a candidate answers the sim's probe (a listener, a
 * registered InService instance, a running task on its instance port). `probe` is the world's.
 */
export const checkTraffic = (
  view: ClusterView,
  services: readonly ServiceSpec[],
  probe: (loadBalancerName: string, loadBalancerPort: number) => boolean,
): Violation[] =>
  services.flatMap((service) => {
    const lb = view.loadBalancers.find((l) => l.name === service.loadBalancerName);
    if (lb === undefined || candidatesOf(view, service).length === 0) return [];
    return lb.listeners
      .filter((l) => !probe(lb.name, l.loadBalancerPort))
      .map((l) => ({
        invariant: 'traffic' as const,
        subject: lb.name,
        message: `a request to port ${l.loadBalancerPort} fails (instances ${lb.instances.join(', ') || 'none'})`,
      }));
  });
