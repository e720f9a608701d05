import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import {
  decodePendingPolicies,
  encodePendingPolicies,
  instanceId,
  MAX_TAG_VALUE_LENGTH,
  PENDING_POLICIES_TAG_PREFIX,
  type PortPolicies,
  pendingPoliciesTagKey,
  pendingRecordsOf,
} from '../src/index.js';

/** What Classic ELB allows in a tag value (letters, digits, spaces and `+ - = . _ : / @`). */
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const nameArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9\-._:/@]{0,39}$/);
const policiesArb: fc.Arbitrary<PortPolicies[]> = fc
  .uniqueArray(
    fc.record({
      loadBalancerPort: fc.integer({ min: 1, max: 65535 }),
      policyNames: fc.array(nameArb, { minLength: 1, maxLength: 4 }),
    }),
    { selector: (p) => p.loadBalancerPort, maxLength: 6 },
  )
  .map((ps) => [...ps].sort((a, b) => a.loadBalancerPort - b.loadBalancerPort));

test('a record reads back as written, ports in ascending order', (t) => {
  fc.assert(
    fc.property(policiesArb, (policies) => {
      const encoded = encodePendingPolicies([...policies].reverse());
      if (E.isLeft(encoded)) return encoded.left.type === 'TooLong';
      return JSON.stringify(decodePendingPolicies(encoded.right)) === JSON.stringify(E.right(policies));
    }),
  );
  t.pass();
});

test('every written value is one ELB accepts: at most 255 characters, the tag character set', (t) => {
  fc.assert(
    fc.property(policiesArb, (policies) => {
      const encoded = encodePendingPolicies(policies);
      return (
        E.isLeft(encoded) || (encoded.right.length <= MAX_TAG_VALUE_LENGTH && TAG_VALUE.test(encoded.right))
      );
    }),
  );
  t.pass();
});

test('writes the documented format', (t) => {
  t.deepEqual(
    encodePendingPolicies([
      { loadBalancerPort: 8443, policyNames: ['Other'] },
      { loadBalancerPort: 443, policyNames: ['ELBSecurityPolicy-2016-08', 'MyStickiness'] },
    ]),
    E.right('443=ELBSecurityPolicy-2016-08+MyStickiness 8443=Other'),
  );
  t.deepEqual(encodePendingPolicies([]), E.right(''));
});

test('a record over 255 characters is refused as TooLong with its length', (t) => {
  const long = { loadBalancerPort: 443, policyNames: ['p'.repeat(200), 'q'.repeat(51)] };
  t.deepEqual(encodePendingPolicies([long]), E.left({ type: 'TooLong', length: 256 }));
  const justFits = { loadBalancerPort: 443, policyNames: ['p'.repeat(200), 'q'.repeat(50)] };
  t.true(E.isRight(encodePendingPolicies([justFits])));
});

test('a policy name the tag cannot hold (a separator, a character ELB refuses) is refused, naming it', (t) => {
  for (const name of ['with space', 'a+b', 'a=b', 'semi;colon', '']) {
    t.deepEqual(
      encodePendingPolicies([{ loadBalancerPort: 443, policyNames: ['ok', name] }]),
      E.left({ type: 'UnwritableName', policyName: name }),
      name,
    );
  }
});

test('values that are not records do not decode', (t) => {
  for (const value of ['443', '443=', 'x=a', '0=a', '70000=a', '443=a  80=b', '443=a+', '443=a;b']) {
    t.true(E.isLeft(decodePendingPolicies(value)), value);
  }
});

test('records are the tags with the prefix that decode, by writer; other tags are ignored', (t) => {
  const key = pendingPoliciesTagKey(instanceId('i-0b'));
  t.is(key, 'statika:pending-policies:i-0b');
  t.true(key.length <= 127);
  t.deepEqual(
    pendingRecordsOf([
      { key: 'team', value: '443=looks-like-one' },
      { key, value: '443=tls' },
      { key: `${PENDING_POLICIES_TAG_PREFIX}i-0a`, value: '443=tls+sticky 80=sticky' },
      { key: `${PENDING_POLICIES_TAG_PREFIX}i-0c`, value: 'edited by hand' },
    ]),
    [
      {
        writer: 'i-0a',
        policies: [
          { loadBalancerPort: 443, policyNames: ['tls', 'sticky'] },
          { loadBalancerPort: 80, policyNames: ['sticky'] },
        ],
      },
      { writer: 'i-0b', policies: [{ loadBalancerPort: 443, policyNames: ['tls'] }] },
    ],
  );
});

test('records are ordered by the code units of their writer, the same on every host whatever its locale', (t) => {
  // localeCompare would put 'i-0b' before 'i-0B' and 'i-0a' after 'i-0B' in most locales.
  const writers = ['i-0b', 'i-0B', 'i-0a', 'i-00'];
  const records = pendingRecordsOf(
    writers.map((w) => ({ key: `${PENDING_POLICIES_TAG_PREFIX}${w}`, value: '443=tls' })),
  );
  t.deepEqual(
    records.map((r) => r.writer),
    ['i-00', 'i-0B', 'i-0a', 'i-0b'],
  );
});
