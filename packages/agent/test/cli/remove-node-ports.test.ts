import { createFakeHostDriver, hostError } from '@statika/host';
import test from 'ava';
import { removeNodePorts } from '../../src/cli/remove-node-ports.js';

const context = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    ctx: { env: {}, stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) },
    out,
    err,
  };
};

test('--remove-node-ports removes the table and exits 0', async (t) => {
  const driver = createFakeHostDriver([{ nodePort: 30080, hostPort: 32768 }]);
  const { ctx, out } = context();
  t.is(await removeNodePorts(ctx, driver), 0);
  t.deepEqual(driver.rules(), []);
  t.regex(out.join(''), /removed/);
});

test('--remove-node-ports exits 1 with the reason when nft refuses', async (t) => {
  const driver = createFakeHostDriver([{ nodePort: 30080, hostPort: 32768 }]);
  driver.failWith(hostError('RemoveTable', 'PermissionDenied', 'nft: Operation not permitted'));
  const { ctx, err } = context();
  t.is(await removeNodePorts(ctx, driver), 1);
  t.regex(err.join(''), /Operation not permitted/);
});
