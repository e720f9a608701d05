import { createWorld, VirtualClock } from '@statika/sim';
import test from 'ava';
import { trackFleet } from '../../bench/lib/fleet-tracker.js';
import { fleetWorld, serviceHome } from '../../bench/lib/fleet-world.js';
import { editListenerByHand } from '../../bench/lib/hand-edit.js';

const world = () => createWorld(fleetWorld(2), { clock: new VirtualClock(0), seed: 1 });

test('the fleet world starts converged: every load balancer forwards to its pinned task', (t) => {
  const w = world();
  for (const i of [0, 1, 2, 49]) {
    const { host, port } = serviceHome(i, 2);
    const task = w.tasks().find((task) => task.serviceName === `svc-${i}`);
    t.is(task?.instanceId, host);
    t.is(task?.containers[0]?.networkBindings[0]?.hostPort, port);
  }
  t.is(w.tasks().filter((task) => task.serviceName === 'statika').length, 2, 'Statika on every host');
});

test('a hand edit is corrected only when the listener forwards to the serving port again, not by its own delete', async (t) => {
  const w = world();
  const tracker = trackFleet(w);
  const { port } = serviceHome(0, 2);
  t.true(await editListenerByHand(w, 'svc-0-elb', 31_999));
  tracker.expectCorrection('svc-0-elb', port, w.clock.now());
  (w.clock as VirtualClock).advance(1000);
  t.true(await editListenerByHand(w, 'svc-0-elb', 31_998), 'a delete (no listener) and a wrong port');
  t.deepEqual(tracker.correctionsMs, []);
  (w.clock as VirtualClock).advance(2000);
  t.true(await editListenerByHand(w, 'svc-0-elb', port));
  t.deepEqual(tracker.correctionsMs, [3000]);
  t.is(tracker.pendingCorrections(), 0);
});

test('a deploy is cut over once its load balancer forwards to the new task, timed from its HEALTHY', async (t) => {
  const w = world();
  const tracker = trackFleet(w);
  w.deploy('svc-0');
  (w.clock as VirtualClock).advance(60_000);
  t.is(tracker.pendingDeploys(), 1, 'nothing moved the load balancer: no cut-over');
  t.deepEqual(tracker.cutoversMs, []);
  const newTask = w.tasks().find((task) => task.serviceName === 'svc-0' && task.desiredStatus === 'RUNNING');
  const newPort = newTask?.containers[0]?.networkBindings[0]?.hostPort ?? 0;
  t.not(newPort, serviceHome(0, 2).port);
  t.true(await editListenerByHand(w, 'svc-0-elb', newPort));
  // Started at 0, RUNNING after 2 s, HEALTHY 3 s later; the listener moved at 60 s.
  t.deepEqual(tracker.cutoversMs, [55_000]);
  t.is(tracker.pendingDeploys(), 0);
});
