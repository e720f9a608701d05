import test from 'ava';
import {
  checkConverged,
  checkListenersKept,
  checkRegisteredHaveCandidates,
  checkTraffic,
  findAlternations,
} from '../../bench/soak/invariants.js';
import { hostA, hostB, spec, task, view, web, webElb } from './fixtures.js';

test('listeners-kept: a listener that only moved to another instance port is kept', (t) => {
  t.deepEqual(checkListenersKept([webElb(31000, [])], [webElb(32768, ['i-a'])]), []);
});

test('listeners-kept: a lost listener is a violation that names it', (t) => {
  const violations = checkListenersKept([webElb(31000, [])], [webElb(32768, [], { listeners: [] })]);
  t.is(violations.length, 1);
  t.is(violations[0]?.invariant, 'listeners-kept');
  t.regex(violations[0]?.message ?? '', /lost \[HTTP 80 HTTP/);
});

test('listeners-kept: a listener that lost its policies is a violation', (t) => {
  const before = webElb(31000, [], {
    listeners: [{ protocol: 'HTTP', loadBalancerPort: 80, instancePort: 31000, policyNames: ['p'] }],
  });
  const after = webElb(32768, [], {
    listeners: [{ protocol: 'HTTP', loadBalancerPort: 80, instancePort: 32768, policyNames: [] }],
  });
  t.is(checkListenersKept([before], [after]).length, 1);
});

test('listeners-kept: protocols compare case-insensitively', (t) => {
  const lower = webElb(31000, [], {
    listeners: [
      {
        protocol: 'http',
        loadBalancerPort: 80,
        instanceProtocol: 'http',
        instancePort: 31000,
        policyNames: [],
      },
    ],
  });
  t.deepEqual(checkListenersKept([lower], [webElb(32768, [])]), []);
});

test('registered-has-candidate: an instance running a candidate may stay registered', (t) => {
  t.deepEqual(
    checkRegisteredHaveCandidates(view([task('1', hostA, 32768)], [webElb(32768, ['i-a'])]), [web]),
    [],
  );
});

test('registered-has-candidate: an instance whose task is stopping is a violation', (t) => {
  const v = view([task('1', hostA, 32768, { desiredStatus: 'STOPPED' })], [webElb(32768, ['i-a'])]);
  t.deepEqual(
    checkRegisteredHaveCandidates(v, [web]).map((x) => x.invariant),
    ['registered-has-candidate'],
  );
});

test('registered-has-candidate: an instance on a DRAINING host is a violation', (t) => {
  const draining = { ...hostA, status: 'DRAINING' };
  const v = view([task('1', draining, 32768)], [webElb(32768, ['i-a'])], [draining, hostB]);
  t.is(checkRegisteredHaveCandidates(v, [web]).length, 1);
});

test('converged: the load balancer on the only task, registered, is converged', (t) => {
  t.deepEqual(checkConverged(view([task('1', hostA, 32768)], [webElb(32768, ['i-a'])]), spec), []);
});

test('converged: a listener still on a stale port is not converged', (t) => {
  const violations = checkConverged(view([task('1', hostA, 32768)], [webElb(31000, ['i-a'])]), spec);
  t.true(violations.length > 0);
  t.true(violations.every((v) => v.invariant === 'converged'));
});

test('converged: the older task still served while a newer ready one runs elsewhere is not converged', (t) => {
  const tasks = [
    task('old', hostA, 32768, { startedAt: Date.parse('2026-01-01T00:00:00Z') }),
    task('new', hostB, 32768),
  ];
  const violations = checkConverged(view(tasks, [webElb(32768, ['i-a'])]), spec);
  t.true(violations.some((v) => v.subject === 'web'));
});

test('converged: no candidate anywhere and no instance registered is converged, listeners untouched', (t) => {
  t.deepEqual(checkConverged(view([], [webElb(32768, [])]), spec), []);
});

test('no-alternation: a listener moving on to new targets is fine', (t) => {
  const moves = ['i-a:1', 'i-b:2', 'i-c:3'].map((target, at) => ({
    at,
    loadBalancerName: 'web-elb',
    loadBalancerPort: 80,
    target,
  }));
  t.deepEqual(findAlternations(moves), []);
});

test('no-alternation: a listener going back to a target it left is flapping', (t) => {
  const moves = ['i-a:1', 'i-b:2', 'i-a:1'].map((target, at) => ({
    at,
    loadBalancerName: 'web-elb',
    loadBalancerPort: 80,
    target,
  }));
  const violations = findAlternations(moves);
  t.is(violations.length, 1);
  t.regex(violations[0]?.message ?? '', /went back to i-a:1 after i-b:2/);
});

test('no-alternation: a repeated report of the same target is not a move', (t) => {
  const moves = ['i-a:1', 'i-a:1', 'i-b:2'].map((target, at) => ({
    at,
    loadBalancerName: 'web-elb',
    loadBalancerPort: 80,
    target,
  }));
  t.deepEqual(findAlternations(moves), []);
});

test('no-alternation: each listener port has its own history', (t) => {
  const moves = [
    { at: 0, loadBalancerName: 'web-elb', loadBalancerPort: 80, target: 'i-a:1' },
    { at: 1, loadBalancerName: 'web-elb', loadBalancerPort: 443, target: 'i-b:2' },
    { at: 2, loadBalancerName: 'web-elb', loadBalancerPort: 443, target: 'i-a:1' },
  ];
  t.deepEqual(findAlternations(moves), []);
});

test('traffic: a served listener whose probe fails is a violation; a service with no candidate is not probed', (t) => {
  const failing = () => false;
  t.deepEqual(
    checkTraffic(view([task('1', hostA, 32768)], [webElb(32768, ['i-a'])]), [web], failing).map(
      (v) => v.invariant,
    ),
    ['traffic'],
  );
  t.deepEqual(checkTraffic(view([], [webElb(32768, [])]), [web], failing), []);
  t.deepEqual(
    checkTraffic(view([task('1', hostA, 32768)], [webElb(32768, ['i-a'])]), [web], () => true),
    [],
  );
});
