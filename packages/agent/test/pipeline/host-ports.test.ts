import type { Spec } from '@statika/core';
import { createFakeHostDriver, hostError } from '@statika/host';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { formatPlan } from '../../src/cli/plan-command.js';
import { withForwardingRules } from '../../src/pipeline/host-ports.js';
import { staleObservation } from './fixtures.js';

const spec = (nodePort?: number): Spec =>
  ({
    configuration: {
      cluster: 'c',
      sleepTimeSeconds: 1,
      settleTimeSeconds: 0,
      taskSelection: 'newest-ready',
      deregisterOnExit: false,
    },
    services: [
      {
        serviceName: 'web',
        family: 'web',
        exposedContainerName: 'app',
        loadBalancerName: 'web-lb',
        ...(nodePort === undefined ? {} : { nodePort }),
      },
    ],
  }) as unknown as Spec;

test('the observation carries the kernel rules when a service uses node-port mode', async (t) => {
  const driver = createFakeHostDriver([{ nodePort: 30080, hostPort: 32768 }]);
  const observed = await withForwardingRules(spec(30080), E.right(staleObservation()), driver);
  t.deepEqual(
    observed,
    E.right({ ...staleObservation(), forwarding: [{ nodePort: 30080, hostPort: 32768 }] }),
  );
});

test('without node-port services nft is never run', async (t) => {
  const driver = createFakeHostDriver();
  const observed = await withForwardingRules(spec(), E.right(staleObservation()), driver);
  t.deepEqual(observed, E.right(staleObservation()));
  t.deepEqual(driver.calls(), []);
});

test('a failed read of the rules fails the observation (never plan on a partial view)', async (t) => {
  const driver = createFakeHostDriver();
  driver.failWith(hostError('ReadRules', 'PermissionDenied', 'no NET_ADMIN'));
  const observed = await withForwardingRules(spec(30080), E.right(staleObservation()), driver);
  t.true(E.isLeft(observed) && observed.left.service === 'host' && observed.left.code === 'PermissionDenied');
});

test('statika plan shows the node-port rules it would swap', (t) => {
  const text = formatPlan({
    actions: [],
    services: [],
    forwarding: {
      type: 'replace',
      before: [{ nodePort: 30080, hostPort: 32768 }],
      after: [{ nodePort: 30080, hostPort: 32769 }],
    },
  });
  t.regex(
    text,
    /Forwarding \(node ports\): 30080 -> 32768 would become 30080 -> 32769 \(local, no AWS call\)/,
  );
  t.false(
    formatPlan({ actions: [], services: [], forwarding: { type: 'in-sync', rules: [] } }).includes(
      'Forwarding',
    ),
  );
});
