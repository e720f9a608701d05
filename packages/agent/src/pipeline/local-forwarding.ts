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
  withHostTasks,
} from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { concat, EMPTY, forkJoin, mergeMap, type Observable, of, take, takeUntil } from 'rxjs';
import { specOf } from './controller-state.js';
import { swapRules$ } from './forward-step.js';
import { usesNodePorts } from './host-ports.js';
import type { Progress } from './progress.js';
import type { Step } from './run-context.js';

/**
 * The fast path of node-port mode: a local change (a task of this host started, stopped or is stopping)
 * re-planned on the last AWS observation brought up to date with the host's own task list and the
 * kernel's rules, with no AWS call. When that plan wants nothing of AWS, only the forwarding rules are
 * swapped and the run ends there (`local-plan local`: the later stages skip their AWS reads). Otherwise
 * (this host must register or leave, or a listener-mode service's tasks here changed) the run goes on
 * as a full reconcile (`local-plan observe`), which reads AWS afresh: rule 4, AWS changes are only ever
 * planned on a fresh observation.
 */
export const localForwarding: Step = (state, context) => {
  const spec = specOf(state);
  const last = state.observation;
  const { forwarding, localTasks } = context.ports;
  if (
    state.run?.trigger !== 'local-change' ||
    spec === undefined ||
    last === undefined ||
    forwarding === undefined ||
    localTasks === undefined ||
    !usesNodePorts(spec)
  )
    return EMPTY;
  return forkJoin([localTasks().pipe(take(1)), forwarding.read().pipe(take(1))]).pipe(
    takeUntil(context.interrupted$),
    mergeMap(([tasks, rules]): Observable<Progress> => {
      const at = context.scheduler.now();
      if (E.isLeft(tasks) || E.isLeft(rules)) return of({ type: 'local-plan', at, outcome: 'observe' });
      const observation: Observation = {
        ...withHostTasks(last, tasks.right.map(hostTaskOf)),
        forwarding: [...rules.right],
      };
      const result = plan(spec, observation, at);
      if (!localIsEnough(spec, last, observation, result))
        return of({ type: 'local-plan', at, outcome: 'observe' });
      return concat(
        of<Progress>({ type: 'local-plan', at, outcome: 'local' }),
        result.forwarding._tag === 'replace'
          ? swapRules$(result.forwarding.before, result.forwarding.after, context)
          : EMPTY,
        of<Progress>({
          type: 'settled',
          at,
          services: plan(spec, applyForwarding(result.forwarding, observation), at).services,
        }),
      );
    }),
  );
};

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
