import { ApiThrottle, type ThrottledCounts } from './api-throttle.js';
import { CallCounter, type CallCounts } from './call-counter.js';
import type { SimClock } from './clock.js';
import { type DeployChanges, EcsModel, type ServiceView } from './ecs-model.js';
import { ElbModel } from './elb-model.js';
import { ElbTags } from './elb-tags.js';
import {
  type FailCreateAfterDeleteOptions,
  type Fault,
  type FaultControls,
  FaultInjector,
} from './faults.js';
import { HostForwarding, type PortForward } from './host-forwarding.js';
import type { InstanceHealth } from './instance-health.js';
import type { SimLoadBalancer } from './load-balancer.js';
import { ObjectStore } from './object-store.js';
import { seededRandom } from './random.js';
import type { Emit, SimEvent, SimEventListener, UnstampedEvent } from './sim-event.js';
import type { SimTask } from './task.js';
import type { HostStatus, ThrottlingSpec, WorldSpec } from './world-spec.js';

export interface HostView {
  readonly instanceId: string;
  readonly containerInstanceArn: string;
  readonly status: HostStatus;
}

/** A deep copy of the whole world at one instant. */
export interface WorldSnapshot {
  readonly at: number;
  readonly region: string;
  readonly cluster: string;
  readonly clusterArn: string;
  readonly hosts: readonly HostView[];
  readonly services: readonly ServiceView[];
  /** Every listable task (stopped ones for an hour), with bindings and statuses. */
  readonly tasks: readonly SimTask[];
  readonly loadBalancers: readonly SimLoadBalancer[];
  /** Instance health by load balancer name. */
  readonly instanceHealth: Readonly<Record<string, readonly InstanceHealth[]>>;
  readonly objects: readonly { bucket: string; key: string; etag: string }[];
}

export interface WorldOptions {
  readonly clock: SimClock;
  /** Seeds every random choice (ids, fault rates). Default 1. */
  readonly seed?: number;
}

/**
 * The simulated world: one ECS cluster with its hosts, services and tasks, its Classic ELBs and S3
 * objects. The scripting methods are for tests, the demo, benchmarks and soak; the protocol front ends
 * (`handleRequest`, `startSim`) serve the same state over the AWS wire protocols.
 */
export interface World extends FaultControls {
  readonly clock: SimClock;
  readonly region: string;
  readonly cluster: string;
  readonly clusterArn: string;
  readonly spec: WorldSpec;

  /** A new task definition revision and a rolling deployment to it; returns the new revision. */
  deploy(serviceName: string, changes?: DeployChanges): number;
  scale(serviceName: string, desiredCount: number): void;
  /** Tasks of the service die soon after they start, and ECS starts new ones. */
  crashLoop(serviceName: string, on: boolean): void;
  /** The container instance turns DRAINING: its service tasks are replaced on ACTIVE hosts, then stopped. */
  drain(instanceId: string): void;
  activate(instanceId: string): void;
  stopTask(taskArn: string): void;
  /** The host's kernel now forwards exactly these ports (a node-port rule, for example); see host-forwarding.ts. */
  setPortForwards(instanceId: string, forwards: readonly PortForward[]): void;
  putObject(bucket: string, key: string, body: string): void;
  /** GetObject answers AccessDenied (403) for this key, or for the whole bucket. */
  denyObject(bucket: string, key?: string): void;
  allowObject(bucket: string, key?: string): void;

  snapshot(): WorldSnapshot;
  /** A request to this load balancer port would succeed now: see README. */
  probe(loadBalancerName: string, loadBalancerPort: number): boolean;
  instanceHealth(loadBalancerName: string): readonly InstanceHealth[];
  loadBalancer(name: string): SimLoadBalancer | undefined;
  tasks(): readonly SimTask[];
  hosts(): readonly HostView[];
  services(): readonly ServiceView[];
  /** Subscribes to the world's events; returns the unsubscribe function. */
  onEvent(listener: SimEventListener): () => void;
  calls(): CallCounts;
  resetCalls(): void;
  /** Calls answered with the throttling error by the account's token buckets (faults not included). */
  throttled(): ThrottledCounts;
  /** New, full token buckets (`undefined`: no throttling); the scenario's `throttling` sets the first ones. */
  setThrottling(spec: ThrottlingSpec | undefined): void;
  readonly faults: FaultControls;
  /** Stops the world's clocks (task transitions, health checks); its state stays readable. */
  close(): void;

  /** The models behind the protocol front ends. */
  readonly internals: WorldInternals;
}

export interface WorldInternals {
  readonly ecs: EcsModel;
  readonly elb: ElbModel;
  readonly elbTags: ElbTags;
  readonly objects: ObjectStore;
  readonly faults: FaultInjector;
  readonly callCounter: CallCounter;
  readonly throttle: ApiThrottle;
  emit: Emit;
  nextRequestId(): string;
  issueToken(instanceId: string, ttlSeconds: number): string;
  validToken(instanceId: string, token: string): boolean;
}

const copy = <A>(a: A): A => structuredClone(a);

export const createWorld = (spec: WorldSpec, options: WorldOptions): World => {
  const { clock } = options;
  const random = seededRandom(options.seed ?? 1);
  const region = spec.region ?? 'us-east-1';
  const listeners = new Set<SimEventListener>();
  const emit = (event: UnstampedEvent): void => {
    const stamped = { ...event, at: clock.now() } as SimEvent;
    for (const listener of [...listeners]) {
      try {
        listener(stamped);
      } catch (error) {
        // A failing listener must not leave the world half-updated: its error surfaces on its own.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };
  const ecs = new EcsModel(spec, region, clock, random, emit);
  const forwarding = new HostForwarding();
  const listening = (id: string, port: number, healthy: boolean) =>
    ecs.listening(id, forwarding.resolve(id, port), healthy);
  const elb = new ElbModel(
    spec.loadBalancers,
    {
      knownInstance: (id) => ecs.host(id) !== undefined,
      healthy: (id, port) => listening(id, port, true),
    },
    clock,
    emit,
  );
  const elbTags = new ElbTags(
    (name) => elb.get(name) !== undefined,
    Object.fromEntries(spec.loadBalancers.map((lb) => [lb.name, lb.tags ?? {}])),
  );
  const objects = new ObjectStore();
  for (const object of spec.objects ?? []) objects.put(object.bucket, object.key, object.body, clock.now());
  // Faults draw from their own stream: setting one never changes the ids the world hands out.
  const faults = new FaultInjector(seededRandom((options.seed ?? 1) ^ 0x5eed));
  const callCounter = new CallCounter();
  const throttle = new ApiThrottle(spec.throttling, clock.now());
  const tokens = new Map<string, { instanceId: string; expiresAt: number }>();
  let requests = 0;

  const settled = spec.settled ?? true;
  ecs.start(settled);
  elb.start(settled);

  const hostViews = (): HostView[] =>
    ecs.hosts().map((h) => ({
      instanceId: h.instanceId,
      containerInstanceArn: h.containerInstanceArn,
      status: h.status,
    }));

  const faultControls: FaultControls = {
    setFault: (operation: string, fault: Fault) => faults.setFault(operation, fault),
    failCreateAfterDelete: (name?: string, opts?: FailCreateAfterDeleteOptions) =>
      faults.failCreateAfterDelete(name, opts),
    clearFaults: () => faults.clearFaults(),
  };

  return {
    clock,
    region,
    cluster: spec.cluster,
    clusterArn: ecs.clusterArn,
    spec,
    deploy: (serviceName, changes) => ecs.deploy(serviceName, changes),
    scale: (serviceName, n) => ecs.scale(serviceName, n),
    crashLoop: (serviceName, on) => ecs.crashLoop(serviceName, on),
    drain: (instanceId) => ecs.setHostStatus(instanceId, 'DRAINING'),
    activate: (instanceId) => ecs.setHostStatus(instanceId, 'ACTIVE'),
    stopTask: (taskArn) => ecs.stopTask(taskArn),
    setPortForwards: (instanceId, forwards) => forwarding.set(instanceId, forwards),
    putObject: (bucket, key, body) => {
      objects.put(bucket, key, body, clock.now());
    },
    denyObject: (bucket, key) => objects.deny(bucket, key),
    allowObject: (bucket, key) => objects.allow(bucket, key),
    snapshot: () => ({
      at: clock.now(),
      region,
      cluster: spec.cluster,
      clusterArn: ecs.clusterArn,
      hosts: hostViews(),
      services: ecs.serviceViews(),
      tasks: copy(ecs.tasks()),
      loadBalancers: elb.names().map((n) => elb.get(n)!),
      instanceHealth: Object.fromEntries(elb.names().map((n) => [n, elb.instanceHealth(n)])),
      objects: objects.list().map((o) => ({ bucket: o.bucket, key: o.key, etag: o.etag })),
    }),
    probe: (name, port) => elb.probe(name, port, (id, instancePort) => listening(id, instancePort, false)),
    instanceHealth: (name) => elb.instanceHealth(name),
    loadBalancer: (name) => elb.get(name),
    tasks: () => copy(ecs.tasks()),
    hosts: hostViews,
    services: () => ecs.serviceViews(),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    calls: () => callCounter.snapshot(),
    resetCalls: () => {
      callCounter.reset();
      throttle.resetCounts();
    },
    throttled: () => throttle.counts(),
    setThrottling: (throttling) => throttle.configure(throttling, clock.now()),
    faults: faultControls,
    ...faultControls,
    close: () => {
      ecs.close();
      elb.close();
    },
    internals: {
      ecs,
      elb,
      elbTags,
      objects,
      faults,
      callCounter,
      throttle,
      emit,
      nextRequestId: () => {
        requests += 1;
        const hex = requests.toString(16).padStart(12, '0');
        return `5e1a0000-0000-4000-8000-${hex}`;
      },
      issueToken: (instanceId, ttlSeconds) => {
        // Expired tokens go, so a long soak does not grow the map.
        for (const [old, entry] of tokens) if (entry.expiresAt <= clock.now()) tokens.delete(old);
        const token = `AQAEA${random.hex(40)}==`;
        tokens.set(token, { instanceId, expiresAt: clock.now() + ttlSeconds * 1000 });
        return token;
      },
      validToken: (instanceId, token) => {
        const entry = tokens.get(token);
        return entry !== undefined && entry.instanceId === instanceId && entry.expiresAt > clock.now();
      },
    },
  };
};
