import test from 'ava';
import { createProbeCounter, ticksBetween } from '../../bench/lib/probe-counter.js';

test('ticks of a 100 ms probe in [a, b): both ends on a tick, between ticks, and an empty interval', (t) => {
  t.is(ticksBetween(1000, 1500, 100), 5);
  t.is(ticksBetween(1050, 1150, 100), 1);
  t.is(ticksBetween(1000, 1000, 100), 0);
  t.is(ticksBetween(1200, 1000, 100), 0);
});

test('a probe down from 1.05 s to 1.6 s fails at 1.1 s to 1.5 s: 5 probes', (t) => {
  const probes = createProbeCounter(100, 0, true);
  probes.update(1050, false);
  probes.update(1200, false);
  probes.update(1600, true);
  t.is(probes.failures(5000), 5);
});

test('a probe still down counts up to now, and one that never went down counts none', (t) => {
  const down = createProbeCounter(100, 0, false);
  t.is(down.failures(1000), 10);
  const up = createProbeCounter(100, 0, true);
  up.update(500, true);
  t.is(up.failures(1000), 0);
});
