import type { SimClock } from './clock.js';
import { containerArn, type EcsScope, taskArn, taskDefinitionArn } from './ecs-arns.js';
import type { Random } from './random.js';
import type { Emit } from './sim-event.js';
import type { SimHost } from './sim-host.js';
import { aggregateTaskHealth, type SimContainer, type SimTask } from './task.js';
import type { TaskDefinitionRevision, TaskDefinitions } from './task-definitions.js';
import type { TaskStore } from './task-store.js';
import type { TaskTimers } from './task-timers.js';

/** A crash-looping task dies this long after it started running. */
const CRASH_AFTER_MS = 2000;

export interface TaskLifecycleContext {
  readonly scope: EcsScope;
  readonly clock: SimClock;
  readonly random: Random;
  readonly emit: Emit;
  readonly definitions: TaskDefinitions;
  readonly store: TaskStore;
  readonly timers: TaskTimers;
  host(instanceId: string): SimHost | undefined;
  /** The task's service is crash-looping: its tasks die soon after they start. */
  crashLooping(serviceName: string): boolean;
  /** Something about the task changed: the scheduler looks again. */
  changed(task: SimTask): void;
}

/**
 * A task's life on ECS: PENDING at placement (host ports bound), RUNNING after the start delay (network
 * bindings reported), container health checks deciding the task's health, and on a stop request
 * desiredStatus STOPPED at once and lastStatus STOPPED after the stop timeout (ports released).
 */
export class TaskLifecycle {
  constructor(private readonly ecs: TaskLifecycleContext) {}

  /** A new PENDING task of this revision on this host; RUNNING after the definition's start delay. */
  create(definition: TaskDefinitionRevision, host: SimHost, serviceName: string | undefined): SimTask {
    const { scope, random, clock } = this.ecs;
    const taskId = random.hex(32);
    const arn = taskArn(scope, taskId);
    const containers: SimContainer[] = definition.containers.map((c) => ({
      name: c.name,
      dockerId: random.hex(64),
      containerArn: containerArn(
        scope,
        taskId,
        `${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`,
      ),
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
      taskArn: arn,
      family: definition.family,
      revision: definition.revision,
      taskDefinitionArn: taskDefinitionArn(scope, definition.family, definition.revision),
      containerInstanceArn: host.containerInstanceArn,
      instanceId: host.instanceId,
      serviceName,
      group: serviceName === undefined ? undefined : `service:${serviceName}`,
      lastStatus: 'PENDING',
      desiredStatus: 'RUNNING',
      healthStatus: 'UNKNOWN',
      createdAt: clock.now(),
      containers,
      version: 1,
    };
    this.ecs.store.add(task);
    this.ecs.emit({
      type: 'taskPending',
      taskArn: arn,
      family: task.family,
      revision: task.revision,
      serviceName,
      instanceId: host.instanceId,
    });
    this.ecs.timers.add(
      arn,
      clock.setTimeout(() => this.markRunning(task, false), this.startDelay(definition)),
    );
    return task;
  }

  /** PENDING to RUNNING; `settled` makes passing health checks HEALTHY at once. */
  markRunning(task: SimTask, settled: boolean): void {
    if (task.lastStatus !== 'PENDING' || task.desiredStatus !== 'RUNNING') return;
    const definition = this.ecs.definitions.require(task.family, task.revision);
    task.lastStatus = 'RUNNING';
    task.startedAt = this.ecs.clock.now();
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
    this.ecs.emit({
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
        this.ecs.timers.add(
          task.taskArn,
          this.ecs.clock.setTimeout(
            () => this.setContainerHealth(task, container, verdict),
            check.healthyAfterMs,
          ),
        );
      }
    }
    this.updateTaskHealth(task);
    if (task.serviceName !== undefined && this.ecs.crashLooping(task.serviceName)) this.scheduleCrash(task);
    this.ecs.changed(task);
  }

  /** The task dies (exit code 1) a little after now, if it still runs then. */
  scheduleCrash(task: SimTask): void {
    this.ecs.timers.add(
      task.taskArn,
      this.ecs.clock.setTimeout(() => {
        if (task.lastStatus !== 'RUNNING') return;
        task.desiredStatus = 'STOPPED';
        task.stoppingAt = this.ecs.clock.now();
        for (const container of task.containers) container.exitCode = 1;
        this.markStopped(task, 'Essential container in task exited');
      }, CRASH_AFTER_MS),
    );
  }

  /** desiredStatus STOPPED now (ECS then sends SIGTERM); lastStatus STOPPED after the stop timeout. */
  requestStop(task: SimTask, reason: string): void {
    if (task.desiredStatus === 'STOPPED') return;
    task.desiredStatus = 'STOPPED';
    task.stoppingAt = this.ecs.clock.now();
    task.stoppedReason = reason;
    task.version += 1;
    this.ecs.emit({ type: 'taskStopping', taskArn: task.taskArn, serviceName: task.serviceName, reason });
    this.ecs.timers.cancel(task.taskArn);
    if (task.lastStatus === 'PENDING') {
      this.markStopped(task, reason);
      return;
    }
    const definition = this.ecs.definitions.require(task.family, task.revision);
    this.ecs.timers.add(
      task.taskArn,
      this.ecs.clock.setTimeout(() => this.markStopped(task, reason), definition.stopTimeoutMs),
    );
  }

  /** PENDING to RUNNING for one task; the random draw only when the definition asks for jitter. */
  private startDelay(definition: TaskDefinitionRevision): number {
    const jitter =
      definition.startJitterMs > 0 ? Math.floor(this.ecs.random.next() * definition.startJitterMs) : 0;
    return definition.startDelayMs + jitter;
  }

  private setContainerHealth(task: SimTask, container: SimContainer, health: 'HEALTHY' | 'UNHEALTHY'): void {
    if (task.lastStatus !== 'RUNNING') return;
    container.healthStatus = health;
    this.updateTaskHealth(task);
    // ECS replaces a service task that fails its health check.
    if (task.healthStatus === 'UNHEALTHY' && task.serviceName !== undefined) {
      this.requestStop(task, 'Task failed container health checks');
    }
    this.ecs.changed(task);
  }

  private updateTaskHealth(task: SimTask): void {
    const health = aggregateTaskHealth(task.containers);
    if (health === task.healthStatus) return;
    task.healthStatus = health;
    task.version += 1;
    this.ecs.emit({
      type: 'taskHealth',
      taskArn: task.taskArn,
      serviceName: task.serviceName,
      healthStatus: health,
    });
  }

  private markStopped(task: SimTask, reason: string): void {
    if (task.lastStatus === 'STOPPED') return;
    this.ecs.timers.cancel(task.taskArn);
    const host = this.ecs.host(task.instanceId);
    for (const container of task.containers) {
      for (const p of container.ports) host?.ports.release(p.hostPort);
      container.lastStatus = 'STOPPED';
      container.networkBindings = [];
    }
    task.lastStatus = 'STOPPED';
    task.stoppedAt = this.ecs.clock.now();
    task.stoppedReason = reason;
    task.version += 1;
    this.ecs.store.stoppedTask(task);
    this.ecs.emit({ type: 'taskStopped', taskArn: task.taskArn, serviceName: task.serviceName, reason });
    this.ecs.changed(task);
  }
}

const bindStatic = (host: SimHost, port: number): number => {
  host.ports.bind(port);
  return port;
};
