import {
  type Action,
  applyToLoadBalancer,
  type BackendServer,
  type HealthCheck,
  type InstanceId,
  type Listener,
  type LoadBalancer,
  loadBalancerName,
  parseHealthCheckTarget,
  sameListener,
  instanceId as toInstanceId,
} from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import type { SimClock } from './clock.js';
import { type ElbError, elbError, validationError } from './elb-error.js';
import {
  checkListener,
  normalizedTarget,
  normalizeListener,
  validateHealthCheck,
  validPort,
} from './elb-validation.js';
import {
  afterCheck,
  type HealthRecord,
  healthView,
  type InstanceHealth,
  inService,
  registering,
} from './instance-health.js';
import type { Emit } from './sim-event.js';
import type { LoadBalancerSpec } from './world-spec.js';

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

const notFound = (name: string) =>
  elbError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${name}'`);
const copy = <A>(a: A): A => structuredClone(a);

interface LoadBalancerRecord {
  lb: LoadBalancer;
  readonly policies: Map<string, Policy>;
  readonly health: Map<string, HealthRecord>;
  readonly createdAt: number;
}

/** What the ELB needs to know of the rest of the world. */
export interface ElbWorld {
  knownInstance(instanceId: string): boolean;
  /** The health check at this port of this instance passes. */
  healthy(instanceId: string, port: number): boolean;
}

/**
 * The Classic ELBs of the world: their configuration (listeners, policies, backend-server policies,
 * health check, instances) and the health model. Every check `Interval`, each registered instance is
 * probed at the target's port; InService after HealthyThreshold passes in a row, OutOfService after
 * UnhealthyThreshold failures. A newly registered instance starts OutOfService, as on AWS.
 */
export class ElbModel {
  private readonly records = new Map<string, LoadBalancerRecord>();
  private readonly healthTimers = new Map<string, () => void>();

  constructor(
    specs: readonly LoadBalancerSpec[],
    private readonly world: ElbWorld,
    private readonly clock: SimClock,
    private readonly emit: Emit,
  ) {
    for (const spec of specs) {
      const listeners = spec.listeners.map(normalizeListener);
      const backendServers = spec.backendServers ?? [];
      const policyNames = new Set([
        ...listeners.flatMap((l) => l.policyNames),
        ...backendServers.flatMap((b) => b.policyNames),
      ]);
      this.records.set(spec.name, {
        lb: {
          name: loadBalancerName(spec.name),
          listeners,
          backendServers: copy(backendServers),
          healthCheck: copy(spec.healthCheck),
          instances: (spec.instances ?? []).map(toInstanceId),
        },
        // Policies named by the scenario exist, so that restoring them works as on AWS.
        policies: new Map(
          [...policyNames].map((name) => [
            name,
            { policyName: name, policyTypeName: guessPolicyType(name, backendServers), attributes: [] },
          ]),
        ),
        health: new Map(),
        createdAt: clock.now(),
      });
    }
  }

  /** Starts the health checks; with `settled`, instances that pass already are InService. */
  start(settled: boolean): void {
    for (const [name, record] of this.records) {
      for (const id of record.lb.instances) {
        const passes = settled && this.probeTarget(record, id);
        record.health.set(id, passes ? inService() : registering());
      }
      this.scheduleHealthCheck(name);
    }
  }

  /** Stops the health checks. */
  close(): void {
    for (const cancel of this.healthTimers.values()) cancel();
    this.healthTimers.clear();
  }

  // ---- reads ----

  names(): readonly string[] {
    return [...this.records.keys()];
  }

  get(name: string): LoadBalancer | undefined {
    const record = this.records.get(name);
    return record === undefined ? undefined : copy(record.lb);
  }

  policies(name: string): readonly Policy[] {
    return copy([...(this.records.get(name)?.policies.values() ?? [])]);
  }

  createdAt(name: string): number {
    return this.records.get(name)?.createdAt ?? 0;
  }

  instanceHealth(name: string): readonly InstanceHealth[] {
    const record = this.records.get(name);
    if (record === undefined) return [];
    return record.lb.instances.map((id) => healthView(id, record.health.get(id) ?? registering()));
  }

  /** Would a request to this load balancer port succeed now? */
  probe(
    name: string,
    loadBalancerPort: number,
    listening: (instanceId: string, port: number) => boolean,
  ): boolean {
    const record = this.records.get(name);
    const listener = record?.lb.listeners.find((l) => l.loadBalancerPort === loadBalancerPort);
    if (record === undefined || listener === undefined) return false;
    return record.lb.instances.some(
      (id) => record.health.get(id)?.state === 'InService' && listening(id, listener.instancePort),
    );
  }

  // ---- API operations ----

  describe(names: readonly string[]): E.Either<ElbError, readonly LoadBalancer[]> {
    if (names.length === 0) return E.right(this.names().map((n) => copy(this.records.get(n)!.lb)));
    const missing = names.find((n) => !this.records.has(n));
    if (missing !== undefined) return notFound(missing);
    return E.right([...new Set(names)].map((n) => copy(this.records.get(n)!.lb)));
  }

  describeInstanceHealth(
    name: string,
    instanceIds: readonly string[],
  ): E.Either<ElbError, readonly InstanceHealth[]> {
    const record = this.records.get(name);
    if (record === undefined) return notFound(name);
    if (instanceIds.length === 0) return E.right(this.instanceHealth(name));
    const unknown = instanceIds.find((id) => !this.world.knownInstance(id));
    if (unknown !== undefined) return invalidInstance(unknown);
    return E.right(
      instanceIds.map((id) => {
        const health = record.health.get(id);
        return health === undefined
          ? {
              instanceId: id,
              state: 'OutOfService' as const,
              reasonCode: 'ELB',
              description: 'Instance is not currently registered with the LoadBalancer.',
            }
          : healthView(id, health);
      }),
    );
  }

  createListeners(name: string, listeners: readonly Listener[]): E.Either<ElbError, void> {
    return this.change(name, 'CreateLoadBalancerListeners', (record) => {
      if (listeners.length === 0) return validationError('Listeners must not be empty');
      const accepted: Listener[] = [];
      for (const raw of listeners) {
        const checked = checkListener(raw);
        if (E.isLeft(checked)) return checked;
        const listener = checked.right;
        const existing = [...record.lb.listeners, ...accepted].find(
          (l) => l.loadBalancerPort === listener.loadBalancerPort,
        );
        if (
          existing !== undefined &&
          !sameListener({ ...normalizeListener(existing), policyNames: [] }, listener)
        ) {
          return elbError(
            'DuplicateListener',
            `A listener already exists for ${name} with LoadBalancerPort ${listener.loadBalancerPort}, but with a different InstancePort, Protocol, or SSLCertificateId`,
          );
        }
        if (existing === undefined) accepted.push(listener);
      }
      record.lb = apply(record.lb, { type: 'replaceListeners', remove: [], create: accepted });
      return E.right(undefined);
    });
  }

  deleteListeners(name: string, ports: readonly number[]): E.Either<ElbError, void> {
    return this.change(name, 'DeleteLoadBalancerListeners', (record) => {
      // A listener's policies go with it.
      const remove = record.lb.listeners.filter((l) => ports.includes(l.loadBalancerPort));
      record.lb = apply(record.lb, { type: 'replaceListeners', remove, create: [] });
      return E.right(undefined);
    });
  }

  configureHealthCheck(name: string, healthCheck: HealthCheck): E.Either<ElbError, HealthCheck> {
    return this.change(name, 'ConfigureHealthCheck', (record) => {
      const checked = validateHealthCheck(healthCheck);
      if (E.isLeft(checked)) return checked;
      const after = { ...healthCheck, target: normalizedTarget(healthCheck.target) };
      record.lb = apply(record.lb, { type: 'configureHealthCheck', before: record.lb.healthCheck, after });
      return E.right(copy(record.lb.healthCheck));
    });
  }

  register(name: string, instanceIds: readonly string[]): E.Either<ElbError, readonly InstanceId[]> {
    return this.change(name, 'RegisterInstancesWithLoadBalancer', (record) => {
      const unknown = instanceIds.find((id) => !this.world.knownInstance(id));
      if (unknown !== undefined) return invalidInstance(unknown);
      for (const id of instanceIds) {
        if (record.lb.instances.includes(toInstanceId(id))) continue;
        record.lb = apply(record.lb, { type: 'register', instanceId: toInstanceId(id) });
        record.health.set(id, registering());
        this.emit({
          type: 'instanceHealth',
          loadBalancerName: name,
          instanceId: id,
          state: 'OutOfService',
          before: undefined,
        });
      }
      return E.right([...record.lb.instances]);
    });
  }

  deregister(name: string, instanceIds: readonly string[]): E.Either<ElbError, readonly InstanceId[]> {
    return this.change(name, 'DeregisterInstancesFromLoadBalancer', (record) => {
      const unknown = instanceIds.find((id) => !this.world.knownInstance(id));
      if (unknown !== undefined) return invalidInstance(unknown);
      for (const id of instanceIds) {
        record.lb = apply(record.lb, { type: 'deregister', instanceId: toInstanceId(id) });
        record.health.delete(id);
      }
      return E.right([...record.lb.instances]);
    });
  }

  createPolicy(name: string, policy: Policy): E.Either<ElbError, void> {
    return this.change(name, 'CreateLoadBalancerPolicy', (record) => {
      if (!/^[A-Za-z0-9-]{1,255}$/.test(policy.policyName)) {
        return validationError(`Invalid PolicyName '${policy.policyName}'`);
      }
      if (!(POLICY_TYPES as readonly string[]).includes(policy.policyTypeName)) {
        return elbError('PolicyTypeNotFound', `There is no policy type named '${policy.policyTypeName}'`);
      }
      const existing = record.policies.get(policy.policyName);
      if (existing !== undefined) {
        return JSON.stringify(existing) === JSON.stringify(policy)
          ? E.right(undefined)
          : elbError('DuplicatePolicyName', `Policy '${policy.policyName}' already exists for ${name}`);
      }
      record.policies.set(policy.policyName, copy(policy));
      return E.right(undefined);
    });
  }

  setListenerPolicies(
    name: string,
    loadBalancerPort: number,
    policyNames: readonly string[],
  ): E.Either<ElbError, void> {
    return this.change(name, 'SetLoadBalancerPoliciesOfListener', (record) => {
      const listener = record.lb.listeners.find((l) => l.loadBalancerPort === loadBalancerPort);
      if (listener === undefined) {
        return elbError('ListenerNotFound', `There is no listener on port ${loadBalancerPort} of ${name}`);
      }
      for (const policyName of policyNames) {
        const policy = record.policies.get(policyName);
        if (policy === undefined)
          return elbError('PolicyNotFound', `There is no policy named '${policyName}' for ${name}`);
        const misfit =
          policy.policyTypeName === 'ProxyProtocolPolicyType' ||
          policy.policyTypeName === 'BackendServerAuthenticationPolicyType' ||
          (policy.policyTypeName === 'SSLNegotiationPolicyType' &&
            !['HTTPS', 'SSL'].includes(listener.protocol));
        if (misfit) {
          return elbError(
            'InvalidConfigurationRequest',
            `Policy '${policyName}' of type ${policy.policyTypeName} cannot be set on the ${listener.protocol} listener on port ${loadBalancerPort}`,
          );
        }
      }
      record.lb.listeners = record.lb.listeners.map((l) =>
        l.loadBalancerPort === loadBalancerPort ? { ...l, policyNames: [...policyNames] } : l,
      );
      return E.right(undefined);
    });
  }

  setBackendServerPolicies(
    name: string,
    instancePort: number,
    policyNames: readonly string[],
  ): E.Either<ElbError, void> {
    return this.change(name, 'SetLoadBalancerPoliciesForBackendServer', (record) => {
      if (!validPort(instancePort)) return validationError(`Invalid InstancePort ${instancePort}`);
      const missing = policyNames.find((p) => !record.policies.has(p));
      if (missing !== undefined)
        return elbError('PolicyNotFound', `There is no policy named '${missing}' for ${name}`);
      const before = record.lb.backendServers.find((b) => b.instancePort === instancePort)?.policyNames ?? [];
      record.lb = apply(record.lb, { type: 'setBackendServerPolicies', instancePort, before, policyNames });
      return E.right(undefined);
    });
  }

  // ---- internals ----

  /** Runs a change on one load balancer; reports it (before and after) when it changed anything. */
  private change<A>(
    name: string,
    operation: string,
    apply: (record: LoadBalancerRecord) => E.Either<ElbError, A>,
  ): E.Either<ElbError, A> {
    const record = this.records.get(name);
    if (record === undefined) return notFound(name);
    const before = copy(record.lb);
    const result = apply(record);
    if (E.isLeft(result)) {
      record.lb = before;
      return result;
    }
    if (JSON.stringify(before) !== JSON.stringify(record.lb)) {
      this.emit({
        type: 'loadBalancerChanged',
        loadBalancerName: name,
        operation,
        before,
        after: copy(record.lb),
      });
    }
    return result;
  }

  private scheduleHealthCheck(name: string): void {
    const record = this.records.get(name);
    if (record === undefined) return;
    const cancel = this.clock.setTimeout(() => {
      this.runHealthCheck(name);
      this.scheduleHealthCheck(name);
    }, record.lb.healthCheck.interval * 1000);
    this.healthTimers.set(name, cancel);
  }

  private runHealthCheck(name: string): void {
    const record = this.records.get(name);
    if (record === undefined) return;
    for (const id of record.lb.instances) {
      const before = record.health.get(id) ?? registering();
      const health = afterCheck(before, this.probeTarget(record, id), record.lb.healthCheck);
      record.health.set(id, health);
      if (health.state !== before.state) {
        this.emit({
          type: 'instanceHealth',
          loadBalancerName: name,
          instanceId: id,
          state: health.state,
          before: before.state,
        });
      }
    }
  }

  private probeTarget(record: LoadBalancerRecord, instanceId: string): boolean {
    const target = parseHealthCheckTarget(record.lb.healthCheck.target);
    return E.isRight(target) && this.world.healthy(instanceId, target.right.port);
  }
}

type LoadBalancerChange = Action extends infer A
  ? A extends Action
    ? Omit<A, 'serviceName' | 'loadBalancerName'>
    : never
  : never;

/** Changes a load balancer as core's model of AWS does (`applyToLoadBalancer`): the sim does not model AWS twice. */
const apply = (lb: LoadBalancer, change: LoadBalancerChange): LoadBalancer =>
  applyToLoadBalancer(lb, { ...change, serviceName: '', loadBalancerName: lb.name } as Action);

const invalidInstance = (id: string) =>
  elbError('InvalidInstance', `The following instances are not valid: ${id}`);

const guessPolicyType = (name: string, backendServers: readonly BackendServer[]): string =>
  backendServers.some((b) => b.policyNames.includes(name))
    ? 'ProxyProtocolPolicyType'
    : /ssl|tls|negotiation/i.test(name)
      ? 'SSLNegotiationPolicyType'
      : 'AppCookieStickinessPolicyType';
