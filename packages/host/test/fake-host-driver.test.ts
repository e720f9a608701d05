import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { createFakeHostDriver, hostError } from '../src/index.js';

test('the fake holds what was last written, in node port order, and records every call', async (t) => {
  const driver = createFakeHostDriver();
  await driver.replaceRules([
    { nodePort: 30081, hostPort: 1 },
    { nodePort: 30080, hostPort: 2 },
  ]);
  t.deepEqual(
    await driver.readRules(),
    E.right([
      { nodePort: 30080, hostPort: 2 },
      { nodePort: 30081, hostPort: 1 },
    ]),
  );
  await driver.removeTable();
  t.deepEqual(await driver.readRules(), E.right([]));
  t.deepEqual(
    driver.calls().map((c) => c.type),
    ['replaceRules', 'readRules', 'removeTable', 'readRules'],
  );
});

test('the fake fails while told to, and changes nothing then', async (t) => {
  const driver = createFakeHostDriver([{ nodePort: 30080, hostPort: 2 }]);
  const error = hostError('ReplaceRules', 'PermissionDenied', 'no NET_ADMIN');
  driver.failWith(error);
  t.deepEqual(await driver.replaceRules([]), E.left(error));
  t.deepEqual(driver.rules(), [{ nodePort: 30080, hostPort: 2 }]);
});

test('errors say whether a retry can help', (t) => {
  t.false(hostError('ReadRules', 'NftMissing', '').retryable);
  t.false(hostError('ReadRules', 'PermissionDenied', '').retryable);
  t.true(hostError('ReadRules', 'Timeout', '').retryable);
});
