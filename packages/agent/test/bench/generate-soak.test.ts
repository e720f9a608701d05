import test from 'ava';
import { generateSoak, type SoakPlanOptions } from '../../bench/soak/generate-soak.js';
import type { SoakEvent } from '../../bench/soak/soak-event.js';

const options = (seed: number, events = 2000): SoakPlanOptions => ({
  seed,
  events,
  services: Array.from({ length: 20 }, (_, i) => ({ serviceName: `s-${i}`, desiredCount: 1 })),
  hosts: ['i-1', 'i-2', 'i-3'],
  agents: 3,
  quietEvery: 50,
});

const eventsOf = (seed: number, events?: number): SoakEvent[] =>
  generateSoak(options(seed, events)).flatMap((s) => (s.kind === 'event' ? [s.event] : []));

test('the same seed gives the same soak, another seed another one', (t) => {
  t.deepEqual(generateSoak(options(7)), generateSoak(options(7)));
  t.notDeepEqual(generateSoak(options(7)), generateSoak(options(8)));
});

test('it generates the asked number of events, with a quiet period first, every 50 events and last', (t) => {
  const steps = generateSoak(options(1, 120));
  t.is(steps.filter((s) => s.kind === 'event').length, 120);
  const quietAt = steps.flatMap((s, i) => (s.kind === 'quiet' ? [i] : []));
  t.deepEqual(quietAt, [0, 51, 102, 123]);
});

test('every kind of event occurs in a long enough soak', (t) => {
  const kinds = new Set(eventsOf(3).map((e) => e.type));
  t.deepEqual([...kinds].sort(), [
    'activate',
    'badFile',
    'clearFault',
    'crashLoop',
    'deploy',
    'drain',
    'failCreateAfterDelete',
    'fault',
    'killAgent',
    'killOnNextDelete',
    'restartAgent',
    'restoreFile',
    'scale',
    'stopTask',
  ]);
});

test('at most one host is drained at a time, and only a drained host is activated', (t) => {
  let drained: string | undefined;
  for (const event of eventsOf(5)) {
    if (event.type === 'drain') {
      t.is(drained, undefined);
      drained = event.host;
    }
    if (event.type === 'activate') {
      t.is(event.host, drained ?? '');
      drained = undefined;
    }
  }
});

test('a service scaled to zero is scaled back before it is deployed again', (t) => {
  const down = new Set<string>();
  for (const step of generateSoak(options(9))) {
    if (step.kind !== 'event') continue;
    const e = step.event;
    if (e.type === 'scale') {
      if (e.desiredCount === 0) down.add(e.service);
      else down.delete(e.service);
    }
    if (e.type === 'deploy') t.false(down.has(e.service));
  }
});

test('faults hit every operation, ELB writes and S3 included', (t) => {
  const operations = new Set(eventsOf(11, 5000).flatMap((e) => (e.type === 'fault' ? [e.operation] : [])));
  for (const op of [
    '*',
    'GetObject',
    'CreateLoadBalancerListeners',
    'DeleteLoadBalancerListeners',
    'ListTasks',
  ]) {
    t.true(operations.has(op), op);
  }
});
