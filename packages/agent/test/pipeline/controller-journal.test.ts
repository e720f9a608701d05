import type { ReplaceListeners } from '@statika/core';
import test from 'ava';
import { of } from 'rxjs';
import { awsError, fakePorts, fakeWorld, fileRead, testDependencies } from './fixtures.js';
import { runController } from './timeline.js';

/** A journal holding `held` until the controller clears each entry (by its load balancer). */
const journalOf = (held: readonly ReplaceListeners[]) => {
  let entries = held;
  return {
    entries: () => of(entries),
    clear: (done: ReplaceListeners) => {
      entries = entries.filter((e) => e.loadBalancerName !== done.loadBalancerName);
      return of(undefined);
    },
    held: () => entries,
  };
};

/** The journal: unfinished listener replacements are finished first, and hold back their load balancer. */

test('a journaled replacement is finished before anything is planned, then cleared', (t) => {
  const world = fakeWorld();
  const journaled: ReplaceListeners = {
    type: 'replaceListeners',
    serviceName: 'web',
    loadBalancerName: world.observation.loadBalancers[0]!.name,
    remove: [{ protocol: 'HTTPS', loadBalancerPort: 443, instancePort: 31000, policyNames: ['tls'] }],
    create: [{ protocol: 'HTTPS', loadBalancerPort: 443, instancePort: 32768, policyNames: ['tls'] }],
  };
  const journal = journalOf([journaled]);
  const ports = { ...fakePorts(world), journal };
  const { lines } = runController(
    (s) => testDependencies(ports, s),
    500,
    () => {},
    (p) => p.type !== 'file' && p.type !== 'tick',
  );
  t.deepEqual(lines.slice(0, 3), [
    '0 journal web-lb recovered',
    '0 observed',
    '0 applied configureHealthCheck web-lb',
  ]);
  t.deepEqual(world.calls.slice(0, 3), ['describeLoadBalancers', 'replaceListeners web-lb', 'observe']);
  t.deepEqual(journal.held(), []);
  t.true(
    world.observation.loadBalancers[0]?.listeners.some(
      (l) => l.loadBalancerPort === 443 && l.policyNames[0] === 'tls',
    ),
  );
});

test("a journal entry with nothing left to create still applies, to remove its writer's policy record", (t) => {
  const world = fakeWorld();
  const lb = world.observation.loadBalancers[0]!;
  const journaled: ReplaceListeners = {
    type: 'replaceListeners',
    serviceName: 'web',
    loadBalancerName: lb.name,
    remove: [],
    create: lb.listeners.map((l) => ({ ...l })),
    writer: world.observation.host.instanceId,
  };
  const journal = journalOf([journaled]);
  const ports = { ...fakePorts(world), journal };
  const { lines } = runController(
    (s) => testDependencies(ports, s),
    500,
    () => {},
    (p) => p.type === 'journal',
  );
  t.deepEqual(lines, ['0 journal web-lb complete']);
  t.deepEqual(world.calls.slice(0, 2), ['describeLoadBalancers', 'replaceListeners web-lb']);
  t.deepEqual(journal.held(), []);
});

test('a journaled replacement is finished while a file is still bad: it needs only its load balancer', (t) => {
  const world = fakeWorld({ services: fileRead('not json') });
  const journaled: ReplaceListeners = {
    type: 'replaceListeners',
    serviceName: 'web',
    loadBalancerName: world.observation.loadBalancers[0]!.name,
    remove: [{ protocol: 'HTTP', loadBalancerPort: 8080, instancePort: 31000, policyNames: [] }],
    create: [{ protocol: 'HTTP', loadBalancerPort: 8080, instancePort: 32768, policyNames: [] }],
  };
  const journal = journalOf([journaled]);
  const ports = { ...fakePorts(world), journal };
  const { lines } = runController(
    (s) => testDependencies(ports, s),
    100,
    () => {},
    (p) => p.type !== 'backoff',
  );
  t.deepEqual(lines, [
    '0 tick startup',
    '0 journal web-lb recovered',
    '0 file configuration loaded',
    '0 file services invalid',
    '0 reconciled startup error',
  ]);
  t.deepEqual(world.calls, ['describeLoadBalancers', 'replaceListeners web-lb']);
  t.deepEqual(journal.held(), []);
});

test('an unfinished journal entry keeps its load balancer out of the plan; other services go on', (t) => {
  const world = fakeWorld({
    failApply: (a) =>
      a.type === 'replaceListeners' && a.remove.length === 0 ? awsError('Throttling', true) : undefined,
  });
  const journaled: ReplaceListeners = {
    type: 'replaceListeners',
    serviceName: 'web',
    loadBalancerName: world.observation.loadBalancers[0]!.name,
    remove: [],
    create: [{ protocol: 'HTTPS', loadBalancerPort: 443, instancePort: 32768, policyNames: [] }],
  };
  const ports = {
    ...fakePorts(world),
    journal: { entries: () => of([journaled]), clear: () => of(undefined) },
  };
  const { lines } = runController(
    (s) => testDependencies(ports, s),
    500,
    () => {},
    (p) => p.type === 'journal' || p.type === 'action' || p.type === 'reconciled',
  );
  t.deepEqual(lines, [
    '0 journal web-lb failed',
    '0 applied configureHealthCheck api-lb',
    '0 applied replaceListeners api-lb',
    '0 reconciled startup error',
  ]);
});
