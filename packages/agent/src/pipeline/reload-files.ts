import type { Failure, FileRead } from '@statika/aws';
import {
  type Decoded,
  decodeConfigurationFile,
  decodeServicesFile,
  type FileProblem,
  parseJson,
} from '@statika/core';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { EMPTY, forkJoin, from, map, mergeMap, type Observable, take, takeUntil } from 'rxjs';
import { filesBackoffPolicy } from './backoff.js';
import { backingOff, backoffAfter } from './backoff-progress.js';
import { type FileState, specOf } from './controller-state.js';
import type { FilePort } from './ports.js';
import type { FileOutcome, Progress } from './progress.js';
import type { Stage } from './stage.js';

/** A file decoder of core: JSON to a value with warnings, or every problem. */
export type Decode<A> = (json: unknown, file: string) => Either<readonly FileProblem[], Decoded<A>>;

/**
 * Reads both files again at the start of a reconcile, except one started by a local change or a retry
 * once a spec is in force (the resync keeps reloading). A file that fails to read or decode is reported
 * and its last good version stays in force. Until both files have loaded once, the reads back off (up to
 * 10 s: there is no resync yet).
 */
export const reloadFiles: Stage = (state, deps) => {
  const trigger = state.run?.trigger;
  const haveSpec = specOf(state) !== undefined;
  if (haveSpec && (trigger === 'local-change' || trigger === 'retry')) return EMPTY;
  if (!haveSpec && backingOff(state, 'files', deps)) return EMPTY;
  const { ports } = deps;
  return forkJoin([
    readFile$(ports.configuration, state.configurationFile, decodeConfigurationFile),
    readFile$(ports.services, state.servicesFile, decodeServicesFile),
  ]).pipe(
    takeUntil(deps.stop$),
    mergeMap(([configuration, services]) => {
      const at = deps.scheduler.now();
      const usable =
        hasValue(state.configurationFile, configuration) && hasValue(state.servicesFile, services);
      return from<readonly Progress[]>([
        { type: 'file', at, file: 'configuration', url: ports.configuration.url, outcome: configuration },
        { type: 'file', at, file: 'services', url: ports.services.url, outcome: services },
        ...backoffAfter(state, 'files', !usable, { ...deps, backoff: filesBackoffPolicy(deps.backoff) }),
      ]);
    }),
  );
};

const hasValue = <A>(file: FileState<A>, outcome: FileOutcome<A>): boolean =>
  outcome.type === 'loaded' || file.loaded !== undefined;

const readFile$ = <A>(port: FilePort, file: FileState<A>, decode: Decode<A>): Observable<FileOutcome<A>> =>
  port.read().pipe(
    take(1),
    map((read) => outcomeOf(read, file, decode)),
  );

const failed = <A>(error: Failure): FileOutcome<A> => ({ type: 'error', error });

/** A read turned into what it means for the file: new and good, the same as before, invalid, or unreadable. */
export const outcomeOf = <A>(
  read: Either<Failure, FileRead>,
  file: FileState<A>,
  decode: Decode<A>,
): FileOutcome<A> => {
  if (E.isLeft(read)) return failed(read.left);
  if (!read.right.changed) return { type: 'unchanged' };
  const text = read.right.text;
  if (file.loaded !== undefined && file.loaded.text === text && file.error === undefined)
    return { type: 'unchanged' };
  const decoded = E.chain((json: unknown) => decode(json, file.url))(parseJson(text, file.url));
  return E.isLeft(decoded)
    ? { type: 'invalid', problems: decoded.left }
    : { type: 'loaded', text, value: decoded.right.value, warnings: decoded.right.warnings };
};
