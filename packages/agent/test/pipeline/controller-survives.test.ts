import type { ActionOutcome, Failure } from '@statika/aws';
import { needsChange } from '@statika/core';
import test from 'ava';
import fc from 'fast-check';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { type Observable, of, throwError } from 'rxjs';
import { awsError, configurationText, fakePorts, fakeWorld, fileRead, testDependencies } from './fixtures.js';
import { at, runController } from './timeline.js';

/** What one call to AWS does in a storm: answers, fails (retryable or not), or throws like a buggy adapter. */
type Fault = 'ok' | 'retryable' | 'terminal' | 'throw';
const fault = fc.constantFrom<Fault>('ok', 'ok', 'retryable', 'terminal', 'throw');

test('whatever fails and however, the controller never errors, converges once the storm ends, and stops cleanly', (t) => {
  fc.assert(
    fc.property(
      fc.array(fault, { minLength: 1, maxLength: 40 }),
      fc.double({ min: 0, max: 0.999, noNaN: true }),
      (faults, r) => {
        const world = fakeWorld({
          configuration: fileRead(configurationText(10)),
          applyLatencyMs: () => 7,
          observeLatencyMs: 3,
        });
        const base = fakePorts(world);
        let storm = true;
        let i = 0;
        const next = (): Fault => (storm ? (faults[i++ % faults.length] ?? 'ok') : 'ok');
        const faulty = <A>(call: () => Observable<Either<Failure, A>>): Observable<Either<Failure, A>> => {
          const f = next();
          if (f === 'throw') return throwError(() => new Error('adapter bug'));
          if (f === 'retryable') return of(E.left(awsError('Throttling', true)));
          if (f === 'terminal') return of(E.left(awsError('AccessDenied', false)));
          return call();
        };
        const ports = {
          ...base,
          observe: (...args: Parameters<typeof base.observe>) => faulty(() => base.observe(...args)),
          apply: (...args: Parameters<typeof base.apply>) => faulty<ActionOutcome>(() => base.apply(...args)),
        };
        const timeline = runController(
          (s) => testDependencies(ports, s, { random: () => r, backoff: { initialMs: 1000, maxMs: 20_000 } }),
          100_000,
          (s, stop) => {
            at(s, 30_000, () => {
              storm = false;
            });
            at(s, 90_000, () => stop({ deregister: false }));
          },
        );
        return (
          timeline.error() === undefined &&
          timeline.completedAt() === 90_000 &&
          (timeline.final()?.reports.every((s) => !needsChange(s)) ?? false) &&
          timeline.final()?.reports.length === 2
        );
      },
    ),
    { numRuns: 40 },
  );
  t.pass();
});
