import * as E from 'fp-ts/lib/Either.js';
import type { SimClock } from './clock.js';
import { type ElbError, elbError, validationError } from './elb-error.js';
import { ElbHealthChecks } from './elb-health-checks.js';
import { checkListenerPolicies, checkNewPolicy, type Policy, scenarioPolicies } from './elb-policies.js';
import { storedHealthCheck, validateHealthCheck } from './health-check-rules.js';
import {
  type HealthRecord,
  healthView,
  type InstanceHealth,
  inService,
  notRegistered,
  registering,
} from './instance-health.js';
import { listenersToCreate, storedListener } from './listener-rules.js';
import type { ListenerSpec, SimHealthCheck, SimLoadBalancer } from './load-balancer.js';
import {
  withBackendServerPolicies,
  withHealthCheck,
  withInstance,
  withListenerPolicies,
  withListeners,
  withoutInstance,
  withoutListeners,
} from './load-balancer-changes.js';
import { validPort } from './port.js';
import type { Emit } from './sim-event.js';
import type { LoadBalancerSpec } from './world-spec.js';

const notFound = (name: string) =>
  elbError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${name}'`);
const invalidInstance = (id: string) =>
  elbError('InvalidInstance', `The following instances are not valid: ${id}`);
const copy = <A>(a: A): A => structuredClone(a);

interface LoadBalancerRecord {
  lb: SimLoadBalancer;
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
 * The Classic ELBs of the world and their API operations, from AWS's API reference: configuration
 * (listeners, policies, backend-server policies, health check, instances) and instance health. A newly
 * registered instance starts OutOfService, as on AWS.
 */
export class ElbModel {
  private readonly records = new Map<string, LoadBalancerRecord>();
  private readonly healthChecks: ElbHealthChecks;

  constructor(
    specs: readonly LoadBalancerSpec[],
    private readonly world: ElbWorld,
    clock: SimClock,
    private readonly emit: Emit,
  ) {
    for (const spec of specs) {
      const listeners = spec.listeners.map(storedListener);
      const backendServers = copy(spec.backendServers ?? []);
      this.records.set(spec.name, {
        lb: {
          name: spec.name,
          listeners,
          backendServers,
          healthCheck: storedHealthCheck(spec.healthCheck),
          instances: [...(spec.instances ?? [])],
        },
        policies: scenarioPolicies(listeners, backendServers),
        health: new Map(),
        createdAt: clock.now(),
      });
    }
    this.healthChecks = new ElbHealthChecks(clock, emit, world.healthy, (name) => this.records.get(name));
  }

  /** Starts the health checks; with `settled`, instances that pass already are InService. */
  start(settled: boolean): void {
    for (const [name, record] of this.records) {
      for (const id of record.lb.instances) {
        const passes = settled && this.healthChecks.passes(record.lb, id);
        record.health.set(id, passes ? inService() : registering());
      }
      this.healthChecks.schedule(name);
    }
  }

  /** Stops the health checks. */
  close(): void {
    this.healthChecks.close();
  }

  // ---- reads ----

  names(): readonly string[] {
    return [...this.records.keys()];
  }

  get(name: string): SimLoadBalancer | undefined {
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

  describe(names: readonly string[]): E.Either<ElbError, readonly SimLoadBalancer[]> {
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
        return health === undefined ? notRegistered(id) : healthView(id, health);
      }),
    );
  }

  createListeners(name: string, listeners: readonly ListenerSpec[]): E.Either<ElbError, void> {
    return this.change(name, 'CreateLoadBalancerListeners', (record) => {
      const created = listenersToCreate(name, record.lb.listeners, listeners);
      if (E.isLeft(created)) return created;
      record.lb = withListeners(record.lb, created.right);
      return E.right(undefined);
    });
  }

  deleteListeners(name: string, ports: readonly number[]): E.Either<ElbError, void> {
    return this.change(name, 'DeleteLoadBalancerListeners', (record) => {
      record.lb = withoutListeners(record.lb, ports);
      return E.right(undefined);
    });
  }

  configureHealthCheck(name: string, healthCheck: SimHealthCheck): E.Either<ElbError, SimHealthCheck> {
    return this.change(name, 'ConfigureHealthCheck', (record) => {
      const checked = validateHealthCheck(healthCheck);
      if (E.isLeft(checked)) return checked;
      record.lb = withHealthCheck(record.lb, storedHealthCheck(healthCheck));
      return E.right(copy(record.lb.healthCheck));
    });
  }

  /** Answers every instance registered afterwards. */
  register(name: string, instanceIds: readonly string[]): E.Either<ElbError, readonly string[]> {
    return this.change(name, 'RegisterInstancesWithLoadBalancer', (record) => {
      const unknown = instanceIds.find((id) => !this.world.knownInstance(id));
      if (unknown !== undefined) return invalidInstance(unknown);
      for (const id of instanceIds) {
        if (record.lb.instances.includes(id)) continue;
        record.lb = withInstance(record.lb, id);
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

  /** Answers the instances that remain registered. */
  deregister(name: string, instanceIds: readonly string[]): E.Either<ElbError, readonly string[]> {
    return this.change(name, 'DeregisterInstancesFromLoadBalancer', (record) => {
      const unknown = instanceIds.find((id) => !this.world.knownInstance(id));
      if (unknown !== undefined) return invalidInstance(unknown);
      for (const id of instanceIds) {
        record.lb = withoutInstance(record.lb, id);
        record.health.delete(id);
      }
      return E.right([...record.lb.instances]);
    });
  }

  createPolicy(name: string, policy: Policy): E.Either<ElbError, void> {
    return this.change(name, 'CreateLoadBalancerPolicy', (record) => {
      const checked = checkNewPolicy(name, policy, record.policies.get(policy.policyName));
      if (E.isLeft(checked)) return checked;
      if (checked.right === 'create') record.policies.set(policy.policyName, copy(policy));
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
      const checked = checkListenerPolicies(name, listener, policyNames, record.policies);
      if (E.isLeft(checked)) return checked;
      record.lb = withListenerPolicies(record.lb, loadBalancerPort, policyNames);
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
      record.lb = withBackendServerPolicies(record.lb, instancePort, policyNames);
      return E.right(undefined);
    });
  }

  /** Runs a change on one load balancer; reports it (before and after) when it changed anything. */
  private change<A>(
    name: string,
    operation: string,
    apply: (record: LoadBalancerRecord) => E.Either<ElbError, A>,
  ): E.Either<ElbError, A> {
    const record = this.records.get(name);
    if (record === undefined) return notFound(name);
    const before = record.lb;
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
        before: copy(before),
        after: copy(record.lb),
      });
    }
    return result;
  }
}
