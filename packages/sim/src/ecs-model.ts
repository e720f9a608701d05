import type { SimClock } from './clock.js';
import { deploymentBounds, oldTasksToStop, surplusTasks } from './deployment.js';
import { PortAllocator } from './port-allocator.js';
import type { Random } from './random.js';
import type { Emit } from './sim-event.js';
import { aggregateTaskHealth, isHealthyTask, type SimContainer, type SimTask } from './task.js';
import type { ContainerSpec, HostStatus, TaskDefinitionSpec, WorldSpec } from './world-spec.js';

export const ACCOUNT_ID = '123456789012';
const DEFAULT_START_DELAY_MS = 1000;
const DEFAULT_STOP_TIMEOUT_MS = 30_000;
/** A crash-looping task dies this long after it started running. */
const CRASH_AFTER_MS = 2000;
/** ECS keeps stopped tasks listable for about an hour. */
const STOPPED_TASK_RETENTION_MS = 60 * 60 * 1000;

export interface SimHost {
  readonly instanceId: string;
  readonly containerInstanceArn: string;
  status: HostStatus;
  readonly registeredAt: number;
  readonly ports: PortAllocator;
}

interface TaskDefinitionRevision {
  readonly family: string;
  readonly revision: number;
  readonly containers: readonly ContainerSpec[];
  readonly startDelayMs: number;
  readonly startJitterMs: number;
  readonly stopTimeoutMs: number;
}

interface ServiceState {
  readonly serviceName: string;
  readonly family: string;
  revision: number;
  desiredCount: number;
  readonly placement: readonly string[] | undefined;
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  crashLoop: boolean;
}

/** What a deploy may change in the new revision (tests use it for a bad deploy). */
export interface DeployChanges {
  /** Every container with a health check fails it. */
  readonly unhealthy?: boolean;
  readonly healthyAfterMs?: number;
  readonly startDelayMs?: number;
}

export interface ServiceView {
  readonly serviceName: string;
  readonly family: string;
  readonly revision: number;
  readonly desiredCount: number;
  readonly crashLoop: boolean;
}

/**
 * The ECS side of the world: hosts, task definitions, tasks and the service scheduler. Every change of
 * state runs the scheduler again (level-based: it compares what runs with what should).
 */
export class EcsModel {
  readonly clusterArn: string;
  private readonly hostsById = new Map<string, SimHost>();
  private readonly definitions = new Map<string, TaskDefinitionRevision[]>();
  private readonly services = new Map<string, ServiceState>();
  private readonly taskMap = new Map<string, SimTask>();
  /** Indexes kept with `taskMap`, so the scheduler and the health checks never scan every task. */
  private readonly tasksByService = new Map<string, Set<SimTask>>();
  private readonly liveTasksByHost = new Map<string, Set<SimTask>>();
  /** Stopped tasks in the order they stopped: the oldest are pruned first. */
  private stoppedTasks: SimTask[] = [];
  /** Services the scheduler still has to look at. */
  private readonly pending = new Set<string>();
  private readonly timers = new Map<string, (() => void)[]>();
  private reconciling = false;
  private closed = false;
  /** Services that could not place a task, so that is reported once. */
  private readonly blocked = new Set<string>();

  constructor(
    private readonly spec: WorldSpec,
    readonly region: string,
    private readonly clock: SimClock,
    private readonly random: Random,
    private readonly emit: Emit,
  ) {
    this.clusterArn = `arn:aws:ecs:${region}:${ACCOUNT_ID}:cluster/${spec.cluster}`;
    spec.hosts.forEach((host, index) => {
      this.hostsById.set(host.instanceId, {
        instanceId: host.instanceId,
        containerInstanceArn:
          host.containerInstanceArn ??
          `arn:aws:ecs:${region}:${ACCOUNT_ID}:container-instance/${spec.cluster}/${containerInstanceId(index)}`,
        status: host.status ?? 'ACTIVE',
        registeredAt: clock.now(),
        ports: new PortAllocator(),
      });
    });
    for (const definition of spec.taskDefinitions) this.registerRevision(definition.family, definition);
    for (const service of spec.services) {
      this.services.set(service.serviceName, {
        serviceName: service.serviceName,
        family: service.family,
        revision: this.latestRevision(service.family)?.revision ?? 1,
        desiredCount: service.desiredCount,
        placement: service.placement,
        minimumHealthyPercent: service.minimumHealthyPercent ?? 100,
        maximumPercent: service.maximumPercent ?? 200,
        crashLoop: false,
      });
    }
  }

  get cluster(): string {
    return this.spec.cluster;
  }

  /** Places the services' first tasks; `settled` makes them RUNNING and HEALTHY at once. */
  start(settled: boolean): void {
    if (settled) {
      // Hold the scheduler while the first tasks are placed, so it sees them all at once.
      this.reconciling = true;
      for (const service of this.services.values()) {
        for (let i = 0; i < service.desiredCount; i++) {
          const task = this.place(service);
          if (task === undefined) break;
          this.cancelTimers(task.taskArn);
          this.markRunning(task, true);
        }
      }
      this.reconciling = false;
    }
    this.reconcile();
  }

  /** Cancels every pending task transition. */
  close(): void {
    for (const taskArn of [...this.timers.keys()]) this.cancelTimers(taskArn);
    this.closed = true;
  }

  // ---- reads ----

  hosts(): readonly SimHost[] {
    return [...this.hostsById.values()];
  }

  host(instanceId: string): SimHost | undefined {
    return this.hostsById.get(instanceId);
  }

  hostByArn(arnOrId: string): SimHost | undefined {
    return this.hosts().find(
      (h) => h.containerInstanceArn === arnOrId || h.containerInstanceArn.endsWith(`/${arnOrId}`),
    );
  }

  /** Every task still listable (stopped ones for an hour), in creation order. */
  tasks(): readonly SimTask[] {
    this.pruneStoppedTasks();
    return [...this.taskMap.values()];
  }

  task(arnOrId: string): SimTask | undefined {
    this.pruneStoppedTasks();
    return this.taskMap.get(arnOrId) ?? this.tasks().find((t) => t.taskArn.endsWith(`/${arnOrId}`));
  }

  serviceViews(): readonly ServiceView[] {
    return [...this.services.values()].map((s) => ({
      serviceName: s.serviceName,
      family: s.family,
      revision: s.revision,
      desiredCount: s.desiredCount,
      crashLoop: s.crashLoop,
    }));
  }

  hasService(serviceName: string): boolean {
    return this.services.has(serviceName);
  }

  /** A RUNNING task on this host holds `hostPort` (and passes its health check when `healthy` is asked). */
  listening(instanceId: string, hostPort: number, healthy: boolean): boolean {
    return [...(this.liveTasksByHost.get(instanceId) ?? [])].some(
      (task) =>
        task.lastStatus === 'RUNNING' &&
        task.containers.some((c) => c.networkBindings.some((b) => b.hostPort === hostPort)) &&
        (!healthy || isHealthyTask(task)),
    );
  }

  // ---- scripting ----

  deploy(serviceName: string, changes: DeployChanges = {}): number {
    const service = this.requireService(serviceName);
    const current = this.requireRevision(service.family, service.revision);
    const next = this.registerRevision(service.family, {
      family: service.family,
      startDelayMs: changes.startDelayMs ?? current.startDelayMs,
      startJitterMs: current.startJitterMs,
      stopTimeoutMs: current.stopTimeoutMs,
      containers: current.containers.map((c) =>
        c.healthCheck === undefined
          ? c
          : {
              ...c,
              healthCheck: {
                healthyAfterMs: changes.healthyAfterMs ?? c.healthCheck.healthyAfterMs,
                unhealthy: changes.unhealthy ?? false,
              },
            },
      ),
    });
    service.revision = next.revision;
    this.emit({ type: 'deployment', serviceName, revision: next.revision });
    this.reconcile(serviceName);
    return next.revision;
  }

  scale(serviceName: string, desiredCount: number): void {
    const service = this.requireService(serviceName);
    service.desiredCount = Math.max(0, Math.floor(desiredCount));
    this.emit({ type: 'serviceScaled', serviceName, desiredCount: service.desiredCount });
    this.reconcile(serviceName);
  }

  crashLoop(serviceName: string, on: boolean): void {
    const service = this.requireService(serviceName);
    service.crashLoop = on;
    this.emit({ type: 'crashLoop', serviceName, on });
    if (on) {
      for (const task of this.activeTasks(service))
        if (task.lastStatus === 'RUNNING') this.scheduleCrash(task);
    }
    this.reconcile(serviceName);
  }

  setHostStatus(instanceId: string, status: HostStatus): void {
    const host = this.hostsById.get(instanceId);
    if (host === undefined) throw new Error(`no host ${instanceId}`);
    if (host.status === status) return;
    host.status = status;
    this.emit({ type: 'hostStatus', instanceId, status });
    this.reconcile();
  }

  stopTask(taskArn: string, reason = 'Task stopped by user'): void {
    const task = this.task(taskArn);
    if (task === undefined) throw new Error(`no task ${taskArn}`);
    this.requestStop(task, reason);
    this.reconcileAfter(task);
  }

  // ---- the service scheduler ----

  /**
   * Runs the scheduler for one service (default: all) until nothing changes; calls made while it runs
   * only add services to its list.
   */
  reconcile(serviceName?: string): void {
    for (const name of serviceName === undefined ? this.services.keys() : [serviceName])
      this.pending.add(name);
    if (this.reconciling) return;
    this.reconciling = true;
    // Stopped tasks past their hour go here too, so a world nobody reads does not grow without bound.
    this.pruneStoppedTasks();
    try {
      for (let next = first(this.pending); next !== undefined; next = first(this.pending)) {
        this.pending.delete(next);
        const service = this.services.get(next);
        if (service !== undefined) this.reconcileService(service);
      }
    } finally {
      this.reconciling = false;
    }
  }

  /** After a change to a task: its service, and services waiting for room (ports, hosts) it may free. */
  private reconcileAfter(task: SimTask): void {
    for (const name of this.blocked) this.pending.add(name);
    if (task.serviceName !== undefined) this.reconcile(task.serviceName);
    else if (this.pending.size > 0) this.reconcile(first(this.pending));
  }

  private reconcileService(service: ServiceState): void {
    const n = service.desiredCount;
    const { maxTotal, minHealthy } = deploymentBounds(
      n,
      service.minimumHealthyPercent,
      service.maximumPercent,
    );
    const isCurrent = (task: SimTask) =>
      task.revision === service.revision && this.hostsById.get(task.instanceId)?.status === 'ACTIVE';

    for (const task of surplusTasks(this.activeTasks(service).filter(isCurrent), n)) {
      this.requestStop(task, 'Scaling activity initiated by (deployment ecs-svc)');
    }
    for (;;) {
      // Start what is missing, within maximumPercent.
      let active = this.activeTasks(service);
      let currentCount = active.filter(isCurrent).length;
      while (currentCount < n && active.length < maxTotal && this.place(service) !== undefined) {
        active = this.activeTasks(service);
        currentCount += 1;
      }
      // Stop old tasks while minimumHealthyPercent holds; stopping frees room to start more.
      const stops = oldTasksToStop(active, isCurrent, minHealthy);
      for (const task of stops) this.requestStop(task, 'Deployment replaced the task');
      if (stops.length === 0) return;
    }
  }

  private activeTasks(service: ServiceState): SimTask[] {
    return [...(this.tasksByService.get(service.serviceName) ?? [])].filter(
      (t) => t.desiredStatus === 'RUNNING',
    );
  }

  /** Places one task of the service's current revision, or reports why it cannot. */
  private place(service: ServiceState): SimTask | undefined {
    const definition = this.requireRevision(service.family, service.revision);
    const staticPorts = definition.containers.flatMap((c) =>
      c.portMappings.filter((m) => m.hostPort !== 0).map((m) => m.hostPort),
    );
    const candidates = this.hosts().filter(
      (h) =>
        h.status === 'ACTIVE' &&
        (service.placement === undefined || service.placement.includes(h.instanceId)) &&
        staticPorts.every((p) => h.ports.isFree(p)),
    );
    const load = (h: SimHost, serviceOnly: boolean) =>
      [...(this.liveTasksByHost.get(h.instanceId) ?? [])].filter(
        (t) => !serviceOnly || t.serviceName === service.serviceName,
      ).length;
    const host = [...candidates].sort(
      (a, b) => load(a, true) - load(b, true) || load(a, false) - load(b, false),
    )[0];
    if (host === undefined) {
      // Said once per blockage, not on every change the scheduler sees.
      if (this.blocked.has(service.serviceName)) return undefined;
      this.blocked.add(service.serviceName);
      this.emit({
        type: 'placementFailed',
        serviceName: service.serviceName,
        reason:
          staticPorts.length > 0
            ? `no ACTIVE host with host ports ${staticPorts.join(', ')} free`
            : 'no ACTIVE host to place it on',
      });
      return undefined;
    }
    this.blocked.delete(service.serviceName);
    return this.createTask(definition, host, service.serviceName);
  }

  private createTask(
    definition: TaskDefinitionRevision,
    host: SimHost,
    serviceName: string | undefined,
  ): SimTask {
    const taskId = this.random.hex(32);
    const taskArn = `arn:aws:ecs:${this.region}:${ACCOUNT_ID}:task/${this.spec.cluster}/${taskId}`;
    const containers: SimContainer[] = definition.containers.map((c) => ({
      name: c.name,
      dockerId: this.random.hex(64),
      containerArn: `arn:aws:ecs:${this.region}:${ACCOUNT_ID}:container/${this.spec.cluster}/${taskId}/${this.random.hex(8)}-${this.random.hex(4)}-${this.random.hex(4)}-${this.random.hex(4)}-${this.random.hex(12)}`,
      ports: c.portMappings.map((m) => ({
        containerPort: m.containerPort,
        hostPort: m.hostPort === 0 ? (host.ports.allocateDynamic() ?? 0) : bindStatic(host, m.hostPort),
        protocol: m.protocol ?? 'tcp',
      })),
      networkBindings: [],
      hasHealthCheck: c.healthCheck !== undefined,
      healthStatus: 'UNKNOWN',
      lastStatus: 'PENDING',
    }));
    const task: SimTask = {
      taskArn,
      family: definition.family,
      revision: definition.revision,
      taskDefinitionArn: `arn:aws:ecs:${this.region}:${ACCOUNT_ID}:task-definition/${definition.family}:${definition.revision}`,
      containerInstanceArn: host.containerInstanceArn,
      instanceId: host.instanceId,
      serviceName,
      group: serviceName === undefined ? undefined : `service:${serviceName}`,
      lastStatus: 'PENDING',
      desiredStatus: 'RUNNING',
      healthStatus: 'UNKNOWN',
      createdAt: this.clock.now(),
      containers,
      version: 1,
    };
    this.taskMap.set(taskArn, task);
    addTo(this.liveTasksByHost, host.instanceId, task);
    if (serviceName !== undefined) addTo(this.tasksByService, serviceName, task);
    this.emit({
      type: 'taskPending',
      taskArn,
      family: task.family,
      revision: task.revision,
      serviceName,
      instanceId: host.instanceId,
    });
    this.addTimer(
      taskArn,
      this.clock.setTimeout(() => this.markRunning(task, false), this.startDelay(definition)),
    );
    return task;
  }

  /** PENDING to RUNNING for one task; the random draw only when the definition asks for jitter. */
  private startDelay(definition: TaskDefinitionRevision): number {
    const jitter =
      definition.startJitterMs > 0 ? Math.floor(this.random.next() * definition.startJitterMs) : 0;
    return definition.startDelayMs + jitter;
  }

  private markRunning(task: SimTask, settled: boolean): void {
    if (task.lastStatus !== 'PENDING' || task.desiredStatus !== 'RUNNING') return;
    const definition = this.requireRevision(task.family, task.revision);
    task.lastStatus = 'RUNNING';
    task.startedAt = this.clock.now();
    task.version += 1;
    for (const container of task.containers) {
      container.lastStatus = 'RUNNING';
      container.networkBindings = container.ports.map((p) => ({
        bindIP: '0.0.0.0',
        containerPort: p.containerPort,
        hostPort: p.hostPort,
        protocol: p.protocol,
      }));
    }
    this.emit({
      type: 'taskRunning',
      taskArn: task.taskArn,
      serviceName: task.serviceName,
      instanceId: task.instanceId,
      hostPorts: task.containers.flatMap((c) =>
        c.ports.map((p) => ({ containerName: c.name, containerPort: p.containerPort, hostPort: p.hostPort })),
      ),
    });
    for (const container of task.containers) {
      const check = definition.containers.find((c) => c.name === container.name)?.healthCheck;
      if (check === undefined) continue;
      const verdict = check.unhealthy === true ? 'UNHEALTHY' : 'HEALTHY';
      if (settled && verdict === 'HEALTHY') container.healthStatus = 'HEALTHY';
      else {
        this.addTimer(
          task.taskArn,
          this.clock.setTimeout(
            () => this.setContainerHealth(task, container, verdict),
            check.healthyAfterMs,
          ),
        );
      }
    }
    this.updateTaskHealth(task);
    const service = task.serviceName === undefined ? undefined : this.services.get(task.serviceName);
    if (service?.crashLoop === true) this.scheduleCrash(task);
    this.reconcileAfter(task);
  }

  private setContainerHealth(task: SimTask, container: SimContainer, health: 'HEALTHY' | 'UNHEALTHY'): void {
    if (task.lastStatus !== 'RUNNING') return;
    container.healthStatus = health;
    this.updateTaskHealth(task);
    // ECS replaces a service task that fails its health check.
    if (task.healthStatus === 'UNHEALTHY' && task.serviceName !== undefined) {
      this.requestStop(task, 'Task failed container health checks');
    }
    this.reconcileAfter(task);
  }

  private updateTaskHealth(task: SimTask): void {
    const health = aggregateTaskHealth(task.containers);
    if (health === task.healthStatus) return;
    task.healthStatus = health;
    task.version += 1;
    this.emit({
      type: 'taskHealth',
      taskArn: task.taskArn,
      serviceName: task.serviceName,
      healthStatus: health,
    });
  }

  private scheduleCrash(task: SimTask): void {
    this.addTimer(
      task.taskArn,
      this.clock.setTimeout(() => {
        if (task.lastStatus !== 'RUNNING') return;
        task.desiredStatus = 'STOPPED';
        task.stoppingAt = this.clock.now();
        for (const container of task.containers) container.exitCode = 1;
        this.markStopped(task, 'Essential container in task exited');
      }, CRASH_AFTER_MS),
    );
  }

  /** desiredStatus STOPPED now (ECS then sends SIGTERM); lastStatus STOPPED after the stop timeout. */
  private requestStop(task: SimTask, reason: string): void {
    if (task.desiredStatus === 'STOPPED') return;
    task.desiredStatus = 'STOPPED';
    task.stoppingAt = this.clock.now();
    task.stoppedReason = reason;
    task.version += 1;
    this.emit({ type: 'taskStopping', taskArn: task.taskArn, serviceName: task.serviceName, reason });
    this.cancelTimers(task.taskArn);
    if (task.lastStatus === 'PENDING') {
      this.markStopped(task, reason);
      return;
    }
    const definition = this.requireRevision(task.family, task.revision);
    this.addTimer(
      task.taskArn,
      this.clock.setTimeout(() => this.markStopped(task, reason), definition.stopTimeoutMs),
    );
  }

  private markStopped(task: SimTask, reason: string): void {
    if (task.lastStatus === 'STOPPED') return;
    this.cancelTimers(task.taskArn);
    const host = this.hostsById.get(task.instanceId);
    for (const container of task.containers) {
      for (const p of container.ports) host?.ports.release(p.hostPort);
      container.lastStatus = 'STOPPED';
      container.networkBindings = [];
    }
    task.lastStatus = 'STOPPED';
    task.stoppedAt = this.clock.now();
    task.stoppedReason = reason;
    task.version += 1;
    this.liveTasksByHost.get(task.instanceId)?.delete(task);
    this.stoppedTasks.push(task);
    this.emit({ type: 'taskStopped', taskArn: task.taskArn, serviceName: task.serviceName, reason });
    this.reconcileAfter(task);
  }

  private pruneStoppedTasks(): void {
    const now = this.clock.now();
    const expired = this.stoppedTasks.findIndex(
      (t) => now - (t.stoppedAt ?? now) <= STOPPED_TASK_RETENTION_MS,
    );
    const gone = expired < 0 ? this.stoppedTasks : this.stoppedTasks.slice(0, expired);
    if (gone.length === 0) return;
    this.stoppedTasks = this.stoppedTasks.slice(gone.length);
    for (const task of gone) {
      this.taskMap.delete(task.taskArn);
      if (task.serviceName !== undefined) this.tasksByService.get(task.serviceName)?.delete(task);
    }
  }

  // ---- bookkeeping ----

  private addTimer(taskArn: string, cancel: () => void): void {
    if (this.closed) {
      cancel();
      return;
    }
    this.timers.set(taskArn, [...(this.timers.get(taskArn) ?? []), cancel]);
  }

  private cancelTimers(taskArn: string): void {
    for (const cancel of this.timers.get(taskArn) ?? []) cancel();
    this.timers.delete(taskArn);
  }

  private registerRevision(family: string, definition: TaskDefinitionSpec): TaskDefinitionRevision {
    const revisions = this.definitions.get(family) ?? [];
    const revision: TaskDefinitionRevision = {
      family,
      revision: revisions.length + 1,
      containers: definition.containers,
      startDelayMs: definition.startDelayMs ?? DEFAULT_START_DELAY_MS,
      startJitterMs: definition.startJitterMs ?? 0,
      stopTimeoutMs: definition.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS,
    };
    this.definitions.set(family, [...revisions, revision]);
    return revision;
  }

  private latestRevision(family: string): TaskDefinitionRevision | undefined {
    return this.definitions.get(family)?.at(-1);
  }

  private requireRevision(family: string, revision: number): TaskDefinitionRevision {
    const found = this.definitions.get(family)?.[revision - 1];
    if (found === undefined) throw new Error(`no task definition ${family}:${revision}`);
    return found;
  }

  private requireService(serviceName: string): ServiceState {
    const service = this.services.get(serviceName);
    if (service === undefined) throw new Error(`no service ${serviceName}`);
    return service;
  }
}

const bindStatic = (host: SimHost, port: number): number => {
  host.ports.bind(port);
  return port;
};

const first = <A>(set: ReadonlySet<A>): A | undefined => set.values().next().value;

const addTo = <K, V>(index: Map<K, Set<V>>, key: K, value: V): void => {
  const set = index.get(key) ?? new Set<V>();
  set.add(value);
  index.set(key, set);
};

const containerInstanceId = (index: number): string =>
  `${(index + 1).toString(16).padStart(8, '0')}1c2e4a6b8d0f1e3c5a7b9d0e`;
