import type { SimClock } from './clock.js';
import { clusterArn, type EcsScope } from './ecs-arns.js';
import type { Random } from './random.js';
import { ServiceScheduler, type ServiceState } from './service-scheduler.js';
import type { Emit } from './sim-event.js';
import { createHost, type SimHost } from './sim-host.js';
import { isHealthyTask, type SimTask } from './task.js';
import { TaskDefinitions } from './task-definitions.js';
import { TaskLifecycle } from './task-lifecycle.js';
import { TaskStore } from './task-store.js';
import { TaskTimers } from './task-timers.js';
import type { HostStatus, WorldSpec } from './world-spec.js';

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
 * The ECS side of the world: hosts (container instances), task definitions, tasks and the service
 * scheduler, which runs again on every change of state.
 */
export class EcsModel {
  readonly clusterArn: string;
  private readonly hostsById = new Map<string, SimHost>();
  private readonly definitions = new TaskDefinitions();
  private readonly services = new Map<string, ServiceState>();
  private readonly store = new TaskStore();
  private readonly timers = new TaskTimers();
  private readonly lifecycle: TaskLifecycle;
  private readonly scheduler: ServiceScheduler;

  constructor(
    private readonly spec: WorldSpec,
    readonly region: string,
    private readonly clock: SimClock,
    random: Random,
    private readonly emit: Emit,
  ) {
    const scope: EcsScope = { region, cluster: spec.cluster };
    this.clusterArn = clusterArn(scope);
    spec.hosts.forEach((host, index) => {
      this.hostsById.set(host.instanceId, createHost(host, index, scope, clock.now()));
    });
    for (const definition of spec.taskDefinitions) this.definitions.register(definition.family, definition);
    for (const service of spec.services) {
      this.services.set(service.serviceName, {
        serviceName: service.serviceName,
        family: service.family,
        revision: this.definitions.latest(service.family)?.revision ?? 1,
        desiredCount: service.desiredCount,
        placement: service.placement,
        minimumHealthyPercent: service.minimumHealthyPercent ?? 100,
        maximumPercent: service.maximumPercent ?? 200,
        crashLoop: false,
      });
    }
    const host = (id: string) => this.hostsById.get(id);
    this.lifecycle = new TaskLifecycle({
      scope,
      clock,
      random,
      emit,
      definitions: this.definitions,
      store: this.store,
      timers: this.timers,
      host,
      crashLooping: (name) => this.services.get(name)?.crashLoop === true,
      changed: (task) => this.scheduler.reconcileAfter(task),
    });
    this.scheduler = new ServiceScheduler(this.services, {
      emit,
      definitions: this.definitions,
      store: this.store,
      lifecycle: this.lifecycle,
      hosts: () => this.hosts(),
      host,
      prune: () => this.store.prune(clock.now()),
    });
  }

  get cluster(): string {
    return this.spec.cluster;
  }

  /** Places the services' first tasks; `settled` makes them RUNNING and HEALTHY at once. */
  start(settled: boolean): void {
    if (settled) {
      // Hold the scheduler while the first tasks are placed, so it sees them all at once.
      this.scheduler.held(() => {
        for (const service of this.services.values()) {
          for (let i = 0; i < service.desiredCount; i++) {
            const task = this.scheduler.place(service);
            if (task === undefined) break;
            this.timers.cancel(task.taskArn);
            this.lifecycle.markRunning(task, true);
          }
        }
      });
    }
    this.scheduler.reconcile();
  }

  /** Cancels every pending task transition. */
  close(): void {
    this.timers.close();
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
    return this.store.all(this.clock.now());
  }

  task(arnOrId: string): SimTask | undefined {
    return this.store.find(arnOrId, this.clock.now());
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
    return [...this.store.liveOn(instanceId)].some(
      (task) =>
        task.lastStatus === 'RUNNING' &&
        task.containers.some((c) => c.networkBindings.some((b) => b.hostPort === hostPort)) &&
        (!healthy || isHealthyTask(task)),
    );
  }

  // ---- scripting ----

  deploy(serviceName: string, changes: DeployChanges = {}): number {
    const service = this.requireService(serviceName);
    const current = this.definitions.require(service.family, service.revision);
    const next = this.definitions.register(service.family, {
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
    this.scheduler.reconcile(serviceName);
    return next.revision;
  }

  scale(serviceName: string, desiredCount: number): void {
    const service = this.requireService(serviceName);
    service.desiredCount = Math.max(0, Math.floor(desiredCount));
    this.emit({ type: 'serviceScaled', serviceName, desiredCount: service.desiredCount });
    this.scheduler.reconcile(serviceName);
  }

  crashLoop(serviceName: string, on: boolean): void {
    const service = this.requireService(serviceName);
    service.crashLoop = on;
    this.emit({ type: 'crashLoop', serviceName, on });
    if (on) {
      for (const task of this.scheduler.activeTasks(service))
        if (task.lastStatus === 'RUNNING') this.lifecycle.scheduleCrash(task);
    }
    this.scheduler.reconcile(serviceName);
  }

  setHostStatus(instanceId: string, status: HostStatus): void {
    const host = this.hostsById.get(instanceId);
    if (host === undefined) throw new Error(`no host ${instanceId}`);
    if (host.status === status) return;
    host.status = status;
    this.emit({ type: 'hostStatus', instanceId, status });
    this.scheduler.reconcile();
  }

  stopTask(taskArn: string, reason = 'Task stopped by user'): void {
    const task = this.task(taskArn);
    if (task === undefined) throw new Error(`no task ${taskArn}`);
    this.lifecycle.requestStop(task, reason);
    this.scheduler.reconcileAfter(task);
  }

  private requireService(serviceName: string): ServiceState {
    const service = this.services.get(serviceName);
    if (service === undefined) throw new Error(`no service ${serviceName}`);
    return service;
  }
}
