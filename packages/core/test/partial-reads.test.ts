import test from 'ava';
import fc from 'fast-check';
import type { Configuration, Spec } from '../src/index.js';
import { partialReadsMaxAgeMs } from '../src/index.js';
import { configuration } from './builders.js';

/** How long the reads of a throttled observation are kept: one round of the fleet's ECS budget. */

const specOf = (configuration: Configuration): Spec => ({ configuration, services: [] });
const defaults = specOf(configuration());

test('a single host, or nothing known yet, keeps its reads for sleepTimeSeconds', (t) => {
  t.is(partialReadsMaxAgeMs(defaults, { tasks: 0, containerInstances: 0 }), 10_000);
  t.is(partialReadsMaxAgeMs(defaults, { tasks: 3, containerInstances: 1 }), 10_000);
  t.is(
    partialReadsMaxAgeMs(specOf(configuration({ sleepTimeSeconds: 30 })), {
      tasks: 12,
      containerInstances: 1,
    }),
    30_000,
  );
});

test('500 hosts with 550 tasks: the round of 550 agents making 13 ECS reads each at 8 a second', (t) => {
  // 6 ListTasks pages, 6 DescribeTasks, 1 DescribeContainerInstances.
  const ms = partialReadsMaxAgeMs(defaults, { tasks: 550, containerInstances: 500 });
  t.is(ms, Math.ceil((1000 * 550 * 13) / 8));
  // Twice the budget, half the round.
  const doubled = specOf(configuration({ fleetEcsReadsPerSecond: 16 }));
  t.is(partialReadsMaxAgeMs(doubled, { tasks: 550, containerInstances: 500 }), Math.ceil(ms / 2));
});

test('while only the task list is read, the tasks listed stand for the hosts', (t) => {
  // 300 tasks listed, none described: taken as 300 agents, 2×3 + 1 reads each.
  t.is(partialReadsMaxAgeMs(defaults, { tasks: 300, containerInstances: 0 }), (1000 * 300 * 7) / 8);
});

test('never below sleepTimeSeconds, and never shorter for a larger cluster', (t) => {
  const size = fc.record({ tasks: fc.nat(5000), containerInstances: fc.nat(1000) });
  fc.assert(
    fc.property(size, size, fc.integer({ min: 1, max: 600 }), (a, b, sleep) => {
      const spec = specOf(configuration({ sleepTimeSeconds: sleep }));
      const small = {
        tasks: Math.min(a.tasks, b.tasks),
        containerInstances: Math.min(a.containerInstances, b.containerInstances),
      };
      const large = {
        tasks: Math.max(a.tasks, b.tasks),
        containerInstances: Math.max(a.containerInstances, b.containerInstances),
      };
      const ms = partialReadsMaxAgeMs(spec, small);
      return ms >= sleep * 1000 && partialReadsMaxAgeMs(spec, large) >= ms;
    }),
  );
  t.pass();
});
