import { loadBalancerName, type ReplaceListeners } from '@statika/core';
import test from 'ava';
import { createMemoryJournal } from '../../src/journal/memory-journal.js';

const replacement = (lb: string, instancePort = 32768): ReplaceListeners => ({
  type: 'replaceListeners',
  serviceName: 'svc',
  loadBalancerName: loadBalancerName(lb),
  remove: [],
  create: [{ protocol: 'HTTP', loadBalancerPort: 80, instancePort, policyNames: [] }],
});

test('keeps one entry per load balancer, oldest first, a newer record replacing and moving to the end', async (t) => {
  const journal = createMemoryJournal();
  await journal.record(replacement('a'));
  await journal.record(replacement('b'));
  await journal.record(replacement('a', 40000));
  t.deepEqual(await journal.entries(), [replacement('b'), replacement('a', 40000)]);
  await journal.clear(replacement('b'));
  t.deepEqual(await journal.entries(), [replacement('a', 40000)]);
});
