import type { SimTask } from './task.js';

/** ECS keeps stopped tasks listable for about an hour. */
const STOPPED_TASK_RETENTION_MS = 60 * 60 * 1000;

/**
 * Every listable task, with the indexes the scheduler and the health checks read (by service, live by
 * host) so that neither scans every task. Stopped tasks go an hour after they stopped.
 */
export class TaskStore {
  private readonly byArn = new Map<string, SimTask>();
  private readonly byService = new Map<string, Set<SimTask>>();
  private readonly liveByHost = new Map<string, Set<SimTask>>();
  /** Stopped tasks in the order they stopped: the oldest are pruned first. */
  private stopped: SimTask[] = [];

  add(task: SimTask): void {
    this.byArn.set(task.taskArn, task);
    addTo(this.liveByHost, task.instanceId, task);
    if (task.serviceName !== undefined) addTo(this.byService, task.serviceName, task);
  }

  /** The task has stopped: it no longer holds its host, and it is listable for an hour more. */
  stoppedTask(task: SimTask): void {
    this.liveByHost.get(task.instanceId)?.delete(task);
    this.stopped.push(task);
  }

  /** Every task still listable at `now`, in creation order. */
  all(now: number): readonly SimTask[] {
    this.prune(now);
    return [...this.byArn.values()];
  }

  /** By ARN, or by the task id that ends it. */
  find(arnOrId: string, now: number): SimTask | undefined {
    this.prune(now);
    return this.byArn.get(arnOrId) ?? this.all(now).find((t) => t.taskArn.endsWith(`/${arnOrId}`));
  }

  ofService(serviceName: string): ReadonlySet<SimTask> {
    return this.byService.get(serviceName) ?? new Set();
  }

  /** Tasks on the host that have not stopped. */
  liveOn(instanceId: string): ReadonlySet<SimTask> {
    return this.liveByHost.get(instanceId) ?? new Set();
  }

  /** Forgets the tasks stopped more than an hour before `now`. */
  prune(now: number): void {
    const kept = this.stopped.findIndex((t) => now - (t.stoppedAt ?? now) <= STOPPED_TASK_RETENTION_MS);
    const gone = kept < 0 ? this.stopped : this.stopped.slice(0, kept);
    if (gone.length === 0) return;
    this.stopped = this.stopped.slice(gone.length);
    for (const task of gone) {
      this.byArn.delete(task.taskArn);
      if (task.serviceName !== undefined) this.byService.get(task.serviceName)?.delete(task);
    }
  }
}

const addTo = <K, V>(index: Map<K, Set<V>>, key: K, value: V): void => {
  const set = index.get(key) ?? new Set<V>();
  set.add(value);
  index.set(key, set);
};
