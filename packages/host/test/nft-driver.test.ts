import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { createNftDriver } from '../src/index.js';
import { namespacesUnavailable, sh } from './netns.js';

// Against the real kernel, in a network namespace of this test's own (nothing outside it is touched).
const unavailable = namespacesUnavailable();
const kernel = unavailable === undefined ? test.serial : test.skip;
if (unavailable !== undefined) console.warn(`nft-driver: kernel tests skipped: ${unavailable}`);

const NS = `statika-host-${process.pid}`;
test.before(() => {
  if (unavailable === undefined) sh('ip', 'netns', 'add', NS);
});
test.after.always(() => {
  if (unavailable === undefined) sh('ip', 'netns', 'del', NS);
});

const driver = createNftDriver({ netns: NS });

kernel('no table yet reads as no rules', async (t) => {
  t.deepEqual(await driver.readRules(), E.right([]));
});

kernel('writes rules, reads them back, replaces them at once, and removes the table', async (t) => {
  const first = [
    { nodePort: 30080, hostPort: 32768 },
    { nodePort: 30081, hostPort: 32769 },
  ];
  t.deepEqual(await driver.replaceRules(first), E.right(undefined));
  t.deepEqual(await driver.readRules(), E.right(first));
  const second = [{ nodePort: 30080, hostPort: 32770 }];
  t.deepEqual(await driver.replaceRules(second), E.right(undefined));
  t.deepEqual(await driver.readRules(), E.right(second));
  t.regex(sh('ip', 'netns', 'exec', NS, 'nft', 'list', 'table', 'ip', 'statika'), /redirect to :32770/);
  t.deepEqual(await driver.removeTable(), E.right(undefined));
  t.deepEqual(await driver.readRules(), E.right([]));
  t.deepEqual(await driver.removeTable(), E.right(undefined), 'removing no table is fine');
});

test('a missing nft is reported as such, not retried', async (t) => {
  const result = await createNftDriver({ nft: '/nonexistent/nft' }).readRules();
  t.true(E.isLeft(result) && result.left.code === 'NftMissing' && !result.left.retryable);
});
