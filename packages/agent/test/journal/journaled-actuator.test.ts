import { type ActionOutcome, type Actuator, type Failure, transient } from '@statika/aws';
import { instanceId, loadBalancerName, type ReplaceListeners } from '@statika/core';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import type { Journal } from '../../src/journal/journal.js';
import { withJournal } from '../../src/journal/journaled-actuator.js';
import { createMemoryJournal } from '../../src/journal/memory-journal.js';

const replacement: ReplaceListeners = {
  type: 'replaceListeners',
  serviceName: 'web',
  loadBalancerName: loadBalancerName('web-lb'),
  remove: [{ protocol: 'HTTP', loadBalancerPort: 80, instancePort: 31000, policyNames: [] }],
  create: [{ protocol: 'HTTP', loadBalancerPort: 80, instancePort: 32768, policyNames: [] }],
};

const error = (code: string): Failure =>
  transient({
    service: 'elb',
    operation: 'CreateLoadBalancerListeners',
    resource: 'web-lb',
    code,
    message: code,
  });

/**
 * An actuator that deletes (calling the hook first and stopping at its Left, as the contract says) and
 * then answers `outcome`.
 */
const actuator = (outcome: E.Either<Failure, ActionOutcome>, seen: string[], journal: Journal): Actuator => ({
  apply: async (_action, hooks) => {
    const ready = (await hooks?.beforeDelete?.(replacement)) ?? E.right(undefined);
    if (E.isLeft(ready)) return ready;
    seen.push(`delete (journal holds ${(await journal.entries()).length})`);
    return outcome;
  },
});

test('records the replacement before the delete and clears it once applied', async (t) => {
  const journal = createMemoryJournal();
  const seen: string[] = [];
  const result = await withJournal(actuator(E.right({ type: 'applied' }), seen, journal), journal).apply(
    replacement,
  );
  t.deepEqual(result, E.right({ type: 'applied' }));
  t.deepEqual(seen, ['delete (journal holds 1)']);
  t.deepEqual(await journal.entries(), []);
});

test('clears it when the old listeners were restored', async (t) => {
  const journal = createMemoryJournal();
  const restored = E.right({ type: 'restored' as const, error: error('Throttling') });
  await withJournal(actuator(restored, [], journal), journal).apply(replacement);
  t.deepEqual(await journal.entries(), []);
});

test('keeps it when the replacement failed or met a conflict (recovered later)', async (t) => {
  for (const outcome of [
    E.left(error('Throttling')),
    E.right({ type: 'conflict' as const, error: error('DuplicateListener') }),
  ]) {
    const journal = createMemoryJournal();
    await withJournal(actuator(outcome, [], journal), journal).apply(replacement);
    t.deepEqual(await journal.entries(), [replacement]);
  }
});

test('a journal that cannot be written stops the delete and fails the action as a journal failure', async (t) => {
  const broken: Journal = {
    ...createMemoryJournal(),
    record: async () => Promise.reject(new Error('disk full')),
  };
  const seen: string[] = [];
  const result = await withJournal(actuator(E.right({ type: 'applied' }), seen, broken), broken).apply(
    replacement,
  );
  t.deepEqual(seen, []);
  t.like(result, { left: { type: 'journal', code: 'JournalWriteFailed', resource: 'web-lb' } });
});

test('other actions pass straight through, unjournaled', async (t) => {
  const journal = createMemoryJournal();
  const register = {
    type: 'register' as const,
    serviceName: 'web',
    loadBalancerName: loadBalancerName('web-lb'),
    instanceId: instanceId('i-1'),
  };
  let hooked = false;
  const inner: Actuator = {
    apply: async (_a, hooks) => {
      hooked = hooks?.beforeDelete !== undefined;
      return E.right({ type: 'applied' });
    },
  };
  t.deepEqual(await withJournal(inner, journal).apply(register), E.right({ type: 'applied' }));
  t.false(hooked);
});

test('journals the replacement as the actuator is about to make it, with the policies it decided on', async (t) => {
  const journal = createMemoryJournal();
  const decided: ReplaceListeners = {
    ...replacement,
    create: [{ ...replacement.create[0]!, policyNames: ['ELBSecurityPolicy-2016-08'] }],
    writer: instanceId('i-0a'),
  };
  const journaled: ReplaceListeners[] = [];
  const deciding: Actuator = {
    apply: async (_action, hooks) => {
      await hooks?.beforeDelete?.(decided);
      journaled.push(...(await journal.entries()));
      return E.left(error('Throttling'));
    },
  };
  await withJournal(deciding, journal).apply(replacement);
  t.deepEqual(journaled, [decided]);
  t.deepEqual(await journal.entries(), [decided]);
});
