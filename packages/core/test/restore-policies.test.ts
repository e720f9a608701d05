import test from 'ava';
import {
  needsLiveRead,
  type PendingRecord,
  pendingPoliciesOf,
  type ReplaceListeners,
  restoredPolicies,
} from '../src/index.js';
import { listener, loadBalancer, replaceListeners } from './builders.js';

const https = (instancePort: number, policyNames: readonly string[] = []) =>
  listener({ protocol: 'HTTPS', loadBalancerPort: 443, instancePort, policyNames: [...policyNames] });
const http = (instancePort: number, policyNames: readonly string[] = []) =>
  listener({ loadBalancerPort: 80, instancePort, policyNames: [...policyNames] });
const move = (remove: ReturnType<typeof listener>[], create: ReturnType<typeof listener>[]) =>
  replaceListeners(remove, create) as ReplaceListeners;
const record = (writer: string, port: number, ...policyNames: string[]): PendingRecord => ({
  writer,
  policies: [{ loadBalancerPort: port, policyNames }],
});

test('a listener observed with policies keeps them, whatever the records say (the operator changed them)', (t) => {
  const action = move([https(32768, ['tls-2021'])], [https(32769, ['tls-2021'])]);
  t.deepEqual(restoredPolicies(action, [record('i-b', 443, 'tls-2016')]), action);
});

test('a listener observed without policies gets the union of every record for its port, on both sides', (t) => {
  const action = move([https(32768), http(32768)], [https(32769), http(32769)]);
  const records = [
    record('i-a', 443, 'tls', 'sticky'),
    record('i-b', 443, 'sticky', 'extra'),
    record('i-c', 80, 'lb-sticky'),
  ];
  t.deepEqual(
    restoredPolicies(action, records),
    move(
      [https(32768, ['tls', 'sticky', 'extra']), http(32768, ['lb-sticky'])],
      [https(32769, ['tls', 'sticky', 'extra']), http(32769, ['lb-sticky'])],
    ),
  );
});

test('with no record for the port, the listener as read again gives the policies; without a read, none', (t) => {
  const action = move([https(32768)], [https(32769)]);
  t.deepEqual(restoredPolicies(action, []), action);
  const live = loadBalancer({ listeners: [https(32768, ['tls']), http(32768, ['sticky'])] });
  t.deepEqual(restoredPolicies(action, [], live), move([https(32768, ['tls'])], [https(32769, ['tls'])]));
  t.deepEqual(restoredPolicies(action, [record('i-b', 443, 'tls-old')], live).create, [
    https(32769, ['tls-old']),
  ]);
});

test('a live read is needed only when a deleted listener has no policies from the observation or a record', (t) => {
  t.false(needsLiveRead(move([https(32768, ['tls'])], [https(32769, ['tls'])]), []));
  t.false(needsLiveRead(move([https(32768)], [https(32769)]), [record('i-b', 443, 'tls')]));
  t.true(needsLiveRead(move([https(32768)], [https(32769)]), [record('i-b', 80, 'sticky')]));
  // A journal recovery deletes nothing: nothing can be lost by trusting the journal.
  t.false(needsLiveRead(move([], [https(32769)]), []));
});

test("this host's record lists the created listeners that have policies, and only those", (t) => {
  t.deepEqual(pendingPoliciesOf(move([https(1, ['tls']), http(1)], [https(2, ['tls', 'x']), http(2)])), [
    { loadBalancerPort: 443, policyNames: ['tls', 'x'] },
  ]);
  t.deepEqual(pendingPoliciesOf(move([http(1)], [http(2)])), []);
});
