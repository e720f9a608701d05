import type { ContainerSpec, TaskDefinitionSpec } from './world-spec.js';

const DEFAULT_START_DELAY_MS = 1000;
const DEFAULT_STOP_TIMEOUT_MS = 30_000;

/** One registered revision of a task definition family, its timings filled in. */
export interface TaskDefinitionRevision {
  readonly family: string;
  readonly revision: number;
  readonly containers: readonly ContainerSpec[];
  readonly startDelayMs: number;
  readonly startJitterMs: number;
  readonly stopTimeoutMs: number;
}

/** ECS's task definition registry: every family's revisions, numbered from 1 in registration order. */
export class TaskDefinitions {
  private readonly byFamily = new Map<string, TaskDefinitionRevision[]>();

  register(family: string, definition: TaskDefinitionSpec): TaskDefinitionRevision {
    const revisions = this.byFamily.get(family) ?? [];
    const revision: TaskDefinitionRevision = {
      family,
      revision: revisions.length + 1,
      containers: definition.containers,
      startDelayMs: definition.startDelayMs ?? DEFAULT_START_DELAY_MS,
      startJitterMs: definition.startJitterMs ?? 0,
      stopTimeoutMs: definition.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS,
    };
    this.byFamily.set(family, [...revisions, revision]);
    return revision;
  }

  latest(family: string): TaskDefinitionRevision | undefined {
    return this.byFamily.get(family)?.at(-1);
  }

  require(family: string, revision: number): TaskDefinitionRevision {
    const found = this.byFamily.get(family)?.[revision - 1];
    if (found === undefined) throw new Error(`no task definition ${family}:${revision}`);
    return found;
  }
}
