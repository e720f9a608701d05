import type { LocalTask } from '@statika/aws';
import {
  applyForwarding,
  type HostTask,
  indexTasks,
  type Observation,
  type PlanResult,
  plan,
  type Spec,
  type Task,
  taskArn,
  tasksOfService,
  tasksToDescribe,
  withDescribedTasks,
  withHostTasks,
} from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { concat, EMPTY, forkJoin, mergeMap, type Observable, of, take, takeUntil } from 'rxjs';
import { specOf } from './controller-state.js';
import { swapRules$ } from './forward-step.js';
import { usesNodePorts } from './host-ports.js';
import type { PipelineDependencies } from './pipeline-dependencies.js';
import type { Progress } from './progress.js';
import type { Stage } from './stage.js';

/**
 * The fast path of node-port mode: a local change (a task of this host started, stopped or is stopping)
 * re-planned on the last AWS observation brought up to date with the host's own task list and the
 * kernel's rules, with no AWS call. When that plan wants nothing of AWS, only the forwarding rules are
 * swapped and the run ends there (`local-plan local`: the later stages skip their AWS reads). When it
 * wants AWS actions while some node-port task here has a health or start time the last observation did
 * not know (a deploy's new task), those tasks alone are read from ECS (one DescribeTasks, no ELB call)
 * and the plan is made again. Otherwise, or if that read fails, or the plan still wants AWS actions
 * (this host must register or leave, or a listener-mode service's tasks here changed), the run goes on
 * as a full reconcile (`local-plan observe`), which reads AWS afresh: rule 4, AWS changes are only ever
 * planned on a fresh observation.
 */
export const localForwarding: Stage = (state, deps) => {
  const spec = specOf(state);
  const last = state.observation;
  const { forwarding, localTasks } = deps.ports;
  if (
    state.run?.trigger !== 'local-change' ||
    spec === undefined ||
    last === undefined ||
    forwarding === undefined ||
    localTasks === undefined ||
    !usesNodePorts(spec)
  )
    return EMPTY;
  const observe$ = (at: number) => of<Progress>({ type: 'local-plan', at, outcome: 'observe' });
  return forkJoin([localTasks().pipe(take(1)), forwarding.read().pipe(take(1))]).pipe(
    takeUntil(deps.stop$),
    mergeMap(([tasks, rules]): Observable<Progress> => {
      const at = deps.scheduler.now();
      if (E.isLeft(tasks) || E.isLeft(rules)) return observe$(at);
      const observation: Observation = {
        ...withHostTasks(last, tasks.right.map(hostTaskOf)),
        forwarding: [...rules.right],
      };
      const result = plan(spec, observation, at);
      if (localIsEnough(spec, last, observation, result)) return local$(spec, observation, result, at, deps);
      // Most often a new task the last observation has not seen HEALTHY: ECS's word on just those tasks
      // (one DescribeTasks, no ELB call) is fresh enough for a plan that changes only the rules.
      const unknown = tasksToDescribe(spec, observation);
      if (unknown.length === 0) return observe$(at);
      return deps.ports.describeTasks(spec.configuration.cluster, unknown).pipe(
        take(1),
        takeUntil(deps.stop$),
        mergeMap((described): Observable<Progress> => {
          const now = deps.scheduler.now();
          if (E.isLeft(described)) return observe$(now); // rule 4: never act on a failed read
          const refreshed = withDescribedTasks(observation, described.right);
          const again = plan(spec, refreshed, now);
          return localIsEnough(spec, last, refreshed, again)
            ? local$(spec, refreshed, again, now, deps)
            : observe$(now);
        }),
      );
    }),
  );
};

/** The local outcome: the rules swapped if they change, and the run settled with no AWS action. */
const local$ = (
  spec: Spec,
  observation: Observation,
  result: PlanResult,
  at: number,
  deps: PipelineDependencies,
): Observable<Progress> =>
  concat(
    of<Progress>({ type: 'local-plan', at, outcome: 'local' }),
    result.forwarding.type === 'replace'
      ? swapRules$(result.forwarding.before, result.forwarding.after, deps)
      : EMPTY,
    of<Progress>({
      type: 'settled',
      at,
      services: plan(spec, applyForwarding(result.forwarding, observation), at).services,
    }),
  );

/** This host's tasks as the ECS agent reports them, in the core's terms. */
const hostTaskOf = (task: LocalTask): HostTask => ({
  taskArn: taskArn(task.arn),
  family: task.family,
  lastStatus: task.knownStatus,
  desiredStatus: task.desiredStatus,
  containers: task.containers.map((c) => ({
    name: c.name,
    networkBindings: c.ports.flatMap((p) =>
      p.hostPort === undefined
        ? []
        : [{ containerPort: p.containerPort, hostPort: p.hostPort, protocol: p.protocol }],
    ),
  })),
});

/**
 * The last observation is enough when the plan on it wants no AWS action, and no listener-mode service's
 * tasks on this host changed (their changes need a fresh read: health and start times come from ECS).
 */
const localIsEnough = (spec: Spec, last: Observation, local: Observation, result: PlanResult): boolean => {
  if (result.actions.length > 0) return false;
  const before = indexTasks(last.tasks);
  const after = indexTasks(local.tasks);
  const here = last.host.containerInstanceArn;
  return spec.services
    .filter((s) => s.nodePort === undefined)
    .every((service) => sameTasks(tasksOfService(before, service), tasksOfService(after, service), here));
};

const sameTasks = (a: readonly Task[], b: readonly Task[], host: string): boolean => {
  const key = (tasks: typeof a) =>
    tasks
      .filter((t) => t.containerInstanceArn === host)
      .map(
        (t) =>
          `${t.taskArn} ${t.lastStatus} ${t.desiredStatus} ${JSON.stringify(t.containers.map((c) => c.networkBindings))}`,
      )
      .sort()
      .join('\n');
  return key(a) === key(b);
};
