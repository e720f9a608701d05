import test from 'ava';
import fc from 'fast-check';
import type { Configuration, Spec } from '../src/index.js';
import { partialReadsMaxAgeMs } from '../src/index.js';
import { configuration } from './builders.js';

/** How long the reads of a throttled observation are kept: one round of the fleet's ECS budget. */

const specOf = (configuration: Configuration): Spec => ({ configuration, services: [] });
const defaults = specOf(configuration());

test('a single host or a small cluster keeps nothing: its own agents never throttle one another', (t) => {
  t.is(partialReadsMaxAgeMs(defaults, { tasks: 0, containerInstances: 0 }), 0);
  t.is(partialReadsMaxAgeMs(defaults, { tasks: 3, containerInstances: 1 }), 0);
  // The soak's cluster: 3 hosts, about 50 tasks.
  t.is(partialReadsMaxAgeMs(defaults, { tasks: 50, containerInstances: 3 }), 0);
});

test('500 hosts with 550 tasks: the round of 500 agents making 13 ECS reads each at 8 a second', (t) => {
  // 6 ListTasks pages, 6 DescribeTasks, 1 DescribeContainerInstances.
  const ms = partialReadsMaxAgeMs(defaults, { tasks: 550, containerInstances: 500 });
  t.is(ms, Math.ceil((1000 * 500 * 13) / 8));
  // Twice the budget, half the round.
  const doubled = specOf(configuration({ fleetEcsReadsPerSecond: 16 }));
  t.is(partialReadsMaxAgeMs(doubled, { tasks: 550, containerInstances: 500 }), Math.ceil(ms / 2));
});

test('while only the task list is read, the tasks listed stand for the hosts', (t) => {
  // 300 tasks listed, none described: taken as 300 agents, 2×3 + 1 reads each.
  t.is(partialReadsMaxAgeMs(defaults, { tasks: 300, containerInstances: 0 }), (1000 * 300 * 7) / 8);
});

test('nothing, or at least sleepTimeSeconds, and never shorter for a larger cluster', (t) => {
  const size = fc.record({ tasks: fc.nat(5000), containerInstances: fc.integer({ min: 1, max: 1000 }) });
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
      return (ms === 0 || ms >= sleep * 1000) && partialReadsMaxAgeMs(spec, large) >= ms;
    }),
  );
  t.pass();
});
