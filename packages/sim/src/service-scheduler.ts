import { deploymentBounds, oldTasksToStop, surplusTasks } from './deployment.js';
import type { Emit } from './sim-event.js';
import type { SimHost } from './sim-host.js';
import type { SimTask } from './task.js';
import type { TaskDefinitions } from './task-definitions.js';
import type { TaskLifecycle } from './task-lifecycle.js';
import type { TaskStore } from './task-store.js';

/** A service as the scheduler keeps it. */
export interface ServiceState {
  readonly serviceName: string;
  readonly family: string;
  revision: number;
  desiredCount: number;
  readonly placement: readonly string[] | undefined;
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  crashLoop: boolean;
}

export interface SchedulerContext {
  readonly emit: Emit;
  readonly definitions: TaskDefinitions;
  readonly store: TaskStore;
  readonly lifecycle: TaskLifecycle;
  hosts(): readonly SimHost[];
  host(instanceId: string): SimHost | undefined;
  /** Stopped tasks past their hour go. */
  prune(): void;
}

/**
 * ECS's service scheduler, level-based: it compares what runs with what should, starts what is missing
 * within maximumPercent (spread over ACTIVE hosts) and stops old tasks while minimumHealthyPercent holds.
 */
export class ServiceScheduler {
  /** Services the scheduler still has to look at. */
  private readonly pending = new Set<string>();
  private reconciling = false;
  /** Services that could not place a task, so that is reported once. */
  private readonly blocked = new Set<string>();

  constructor(
    private readonly services: ReadonlyMap<string, ServiceState>,
    private readonly ecs: SchedulerContext,
  ) {}

  /** Runs `work` with the scheduler held, so it sees everything `work` does at once afterwards. */
  held(work: () => void): void {
    this.reconciling = true;
    work();
    this.reconciling = false;
  }

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
    this.ecs.prune();
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
  reconcileAfter(task: SimTask): void {
    for (const name of this.blocked) this.pending.add(name);
    if (task.serviceName !== undefined) this.reconcile(task.serviceName);
    else if (this.pending.size > 0) this.reconcile(first(this.pending));
  }

  /** The service's tasks that should run (desiredStatus RUNNING). */
  activeTasks(service: ServiceState): SimTask[] {
    return [...this.ecs.store.ofService(service.serviceName)].filter((t) => t.desiredStatus === 'RUNNING');
  }

  /** Places one task of the service's current revision, or reports why it cannot. */
  place(service: ServiceState): SimTask | undefined {
    const definition = this.ecs.definitions.require(service.family, service.revision);
    const staticPorts = definition.containers.flatMap((c) =>
      c.portMappings.filter((m) => m.hostPort !== 0).map((m) => m.hostPort),
    );
    const candidates = this.ecs
      .hosts()
      .filter(
        (h) =>
          h.status === 'ACTIVE' &&
          (service.placement === undefined || service.placement.includes(h.instanceId)) &&
          staticPorts.every((p) => h.ports.isFree(p)),
      );
    const load = (h: SimHost, serviceOnly: boolean) =>
      [...this.ecs.store.liveOn(h.instanceId)].filter(
        (t) => !serviceOnly || t.serviceName === service.serviceName,
      ).length;
    const host = [...candidates].sort(
      (a, b) => load(a, true) - load(b, true) || load(a, false) - load(b, false),
    )[0];
    if (host === undefined) {
      // Said once per blockage, not on every change the scheduler sees.
      if (this.blocked.has(service.serviceName)) return undefined;
      this.blocked.add(service.serviceName);
      this.ecs.emit({
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
    return this.ecs.lifecycle.create(definition, host, service.serviceName);
  }

  private reconcileService(service: ServiceState): void {
    const n = service.desiredCount;
    const { maxTotal, minHealthy } = deploymentBounds(
      n,
      service.minimumHealthyPercent,
      service.maximumPercent,
    );
    const isCurrent = (task: SimTask) =>
      task.revision === service.revision && this.ecs.host(task.instanceId)?.status === 'ACTIVE';

    for (const task of surplusTasks(this.activeTasks(service).filter(isCurrent), n)) {
      this.ecs.lifecycle.requestStop(task, 'Scaling activity initiated by (deployment ecs-svc)');
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
      for (const task of stops) this.ecs.lifecycle.requestStop(task, 'Deployment replaced the task');
      if (stops.length === 0) return;
    }
  }
}

const first = <A>(set: ReadonlySet<A>): A | undefined => set.values().next().value;
