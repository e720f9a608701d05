import * as E from 'fp-ts/lib/Either.js';
import { type Observable, type SchedulerLike, Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { controller$ } from '../../src/pipeline/controller.js';
import type { ControllerState, ControllerUpdate } from '../../src/pipeline/controller-state.js';
import type { PipelineDependencies } from '../../src/pipeline/pipeline-dependencies.js';
import type { Progress } from '../../src/pipeline/progress.js';
import type { StopRequest } from '../../src/pipeline/stop-request.js';

/** One line per interesting piece of progress, `<frame> <what>`, so that a test reads as a timeline. */
export const summary = (p: Progress): string | undefined => {
  switch (p.type) {
    case 'tick':
      return `tick ${p.trigger}`;
    case 'file':
      return `file ${p.file} ${p.outcome.type}`;
    case 'identity':
      return E.isRight(p.result) ? undefined : `identity failed ${p.result.left.code}`;
    case 'observed':
      return E.isRight(p.result) ? 'observed' : `observe failed ${p.result.left.code}`;
    case 'journal':
      return `journal ${p.entry.loadBalancerName} ${p.outcome.type}`;
    case 'action':
      return `${p.report.result} ${p.report.action.type} ${p.report.action.loadBalancerName}`;
    case 'backoff':
      return p.backoff === undefined
        ? `backoff ${p.key} reset`
        : `backoff ${p.key} until ${p.backoff.retryAt}`;
    case 'reconciled':
      return `reconciled ${p.trigger} ${p.result}`;
    case 'unexpected':
      return `unexpected in ${p.stage}`;
    case 'forwarded':
      return `${p.report.result} forwarding ${p.report.after.map((r) => `${r.nodePort}->${r.hostPort}`).join(',')}`;
    case 'local-plan':
      return `local-plan ${p.outcome}`;
    case 'planned':
    case 'settled':
      return undefined;
  }
};

export interface Timeline {
  readonly lines: string[];
  readonly final: () => ControllerState | undefined;
  readonly completedAt: () => number | undefined;
  /** What the stream errored with, if it did (it never should). */
  readonly error: () => unknown;
}

/**
 * Runs the controller on a TestScheduler for `untilMs` of virtual time (or until it completes), with
 * `script` scheduling changes to the fake world (and a stop) at given frames.
 */
export const runController = (
  dependencies: (scheduler: SchedulerLike) => PipelineDependencies,
  untilMs: number,
  script: (scheduler: TestScheduler, stop: (request: StopRequest) => void) => void = () => {},
  keep: (p: Progress) => boolean = () => true,
): Timeline => {
  const lines: string[] = [];
  let final: ControllerState | undefined;
  let completedAt: number | undefined;
  let error: unknown;
  const scheduler = new TestScheduler(() => {});
  scheduler.run(() => {
    const stop$ = new Subject<StopRequest>();
    const updates$: Observable<ControllerUpdate> = controller$({ ...dependencies(scheduler), stop$ });
    const subscription = updates$.subscribe({
      next: ({ progress, state }) => {
        final = state;
        const line = keep(progress) ? summary(progress) : undefined;
        if (line !== undefined) lines.push(`${scheduler.now()} ${line}`);
      },
      error: (e: unknown) => {
        error = e ?? 'an error';
      },
      complete: () => {
        completedAt = scheduler.now();
      },
    });
    script(scheduler, (request) => stop$.next(request));
    scheduler.schedule(() => subscription.unsubscribe(), untilMs);
  });
  return { lines, final: () => final, completedAt: () => completedAt, error: () => error };
};

export const at = (scheduler: SchedulerLike, ms: number, change: () => void): void => {
  scheduler.schedule(change, ms);
};
