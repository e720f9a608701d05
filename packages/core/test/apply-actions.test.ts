import test from 'ava';
import {
  applyActions,
  instanceId,
  loadBalancerName,
  plan,
  type ReplaceListeners,
  recoverReplacement,
} from '../src/index.js';
import {
  configureHealthCheck,
  deregister,
  HOST_A,
  HOST_B,
  healthCheck,
  listener,
  loadBalancer,
  NOW,
  observation,
  register,
  replaceListeners,
  setBackendServerPolicies,
  spec,
} from './builders.js';

const lbOf = (obs: ReturnType<typeof observation>) => obs.loadBalancers[0];

test('register adds the instance once; deregister removes it', (t) => {
  const obs = observation({ loadBalancers: [loadBalancer({ instances: [HOST_B.instanceId] })] });
  t.deepEqual(lbOf(applyActions([register(), register()], obs))?.instances, [
    HOST_B.instanceId,
    HOST_A.instanceId,
  ]);
  t.deepEqual(lbOf(applyActions([deregister(HOST_B)], obs))?.instances, []);
});

test('configureHealthCheck sets the whole health check', (t) => {
  const after = { ...healthCheck('TCP:1'), interval: 9 };
  t.deepEqual(
    lbOf(applyActions([configureHealthCheck(healthCheck(), after)], observation()))?.healthCheck,
    after,
  );
});

test('setBackendServerPolicies sets a port, and an empty list removes its entry', (t) => {
  const lb = loadBalancer({ backendServers: [{ instancePort: 1, policyNames: ['a'] }] });
  const obs = observation({ loadBalancers: [lb] });
  t.deepEqual(lbOf(applyActions([setBackendServerPolicies(2, [], ['p'])], obs))?.backendServers, [
    { instancePort: 1, policyNames: ['a'] },
    { instancePort: 2, policyNames: ['p'] },
  ]);
  t.deepEqual(lbOf(applyActions([setBackendServerPolicies(1, ['a'], ['b'])], obs))?.backendServers, [
    { instancePort: 1, policyNames: ['b'] },
  ]);
  t.deepEqual(lbOf(applyActions([setBackendServerPolicies(1, ['a'], [])], obs))?.backendServers, []);
});

test('replaceListeners deletes the removed ports, then adds the created listeners', (t) => {
  const other = listener({ loadBalancerPort: 8443, instancePort: 5 });
  const obs = observation({ loadBalancers: [loadBalancer({ listeners: [listener(), other] })] });
  const moved = listener({ instancePort: 40000 });
  t.deepEqual(lbOf(applyActions([replaceListeners([listener()], [moved])], obs))?.listeners, [other, moved]);
});

test('actions on a load balancer the observation lacks change nothing', (t) => {
  const obs = observation();
  t.deepEqual(applyActions([register(HOST_B, 'other-lb')], obs), obs);
});

test('does nothing when in sync: plan of the applied plan is empty (listeners, health check, policies, registration)', (t) => {
  const lb = loadBalancer({
    instances: [],
    listeners: [listener({ instancePort: 1000 })],
    backendServers: [{ instancePort: 1000, policyNames: ['proxy'] }],
    healthCheck: healthCheck('HTTP:1000/'),
  });
  const obs = observation({ loadBalancers: [lb] });
  const first = plan(spec(), obs, NOW);
  t.is(first.actions.length, 5);
  t.deepEqual(plan(spec(), applyActions(first.actions, obs), NOW).actions, []);
});

const journaled: ReplaceListeners = {
  type: 'replaceListeners',
  serviceName: 'web',
  loadBalancerName: loadBalancerName('web-lb'),
  remove: [listener({ instancePort: 1 }), listener({ loadBalancerPort: 443, instancePort: 1 })],
  create: [listener({ instancePort: 2 }), listener({ loadBalancerPort: 443, instancePort: 2 })],
};

test('recoverReplacement creates the journaled listeners the load balancer lacks, removing nothing', (t) => {
  const lb = loadBalancer({ listeners: [listener({ instancePort: 2 })] });
  t.deepEqual(recoverReplacement(journaled, lb), {
    ...journaled,
    remove: [],
    create: [listener({ loadBalancerPort: 443, instancePort: 2 })],
  });
});

test('recoverReplacement after a crash between delete and create recreates every listener', (t) => {
  t.deepEqual(recoverReplacement(journaled, loadBalancer({ listeners: [] })), { ...journaled, remove: [] });
});

test('recoverReplacement has nothing to do when every port has a listener or the load balancer is gone', (t) => {
  t.is(
    recoverReplacement(
      journaled,
      loadBalancer({ listeners: [listener(), listener({ loadBalancerPort: 443 })] }),
    ),
    undefined,
  );
  t.is(recoverReplacement(journaled, undefined), undefined);
});

test('recoverReplacement with nothing to create still gives its writer an action, to remove its record', (t) => {
  const lb = loadBalancer({ listeners: [listener(), listener({ loadBalancerPort: 443 })] });
  const written = { ...journaled, writer: instanceId('i-a') };
  t.deepEqual(recoverReplacement(written, lb), { ...written, remove: [], create: [] });
  t.is(recoverReplacement(written, undefined), undefined);
});

const secure = (instancePort: number, policyNames: readonly string[] = ['ssl-negotiation']) =>
  listener({ protocol: 'HTTPS', loadBalancerPort: 443, instancePort, policyNames: [...policyNames] });
const journaledSecure: ReplaceListeners = { ...journaled, remove: [secure(1)], create: [secure(2)] };

test('recoverReplacement recreates a created listener whose policy restore failed, so its policies are restored', (t) => {
  const lb = loadBalancer({ listeners: [secure(2, [])] });
  t.deepEqual(recoverReplacement(journaledSecure, lb), { ...journaledSecure, remove: [] });
});

test('recoverReplacement recreates the old listener when it was put back without its policies', (t) => {
  const lb = loadBalancer({ listeners: [secure(1, [])] });
  t.deepEqual(recoverReplacement(journaledSecure, lb), {
    ...journaledSecure,
    remove: [],
    create: [secure(1)],
  });
});

test('recoverReplacement leaves a listener with its policies, or one on another instance port, alone', (t) => {
  t.is(recoverReplacement(journaledSecure, loadBalancer({ listeners: [secure(2)] })), undefined);
  t.is(recoverReplacement(journaledSecure, loadBalancer({ listeners: [secure(1)] })), undefined);
  t.is(recoverReplacement(journaledSecure, loadBalancer({ listeners: [secure(3, [])] })), undefined);
});

test('a replacement interrupted after the delete is finished by recoverReplacement, leaving nothing to plan', (t) => {
  const lb = loadBalancer({
    listeners: [listener({ instancePort: 31000 })],
    healthCheck: healthCheck('HTTP:31000/'),
  });
  const obs = observation({ loadBalancers: [lb] });
  const actions = plan(spec(), obs, NOW).actions;
  const replacement = actions.find((a): a is ReplaceListeners => a.type === 'replaceListeners');
  if (replacement === undefined) return t.fail('expected a listener replacement');
  // The agent applied everything before the replacement, deleted the listeners, then crashed.
  const beforeReplacement = applyActions(actions.slice(0, actions.indexOf(replacement)), obs);
  const afterDelete = applyActions([{ ...replacement, create: [] }], beforeReplacement);
  const recovered = recoverReplacement(replacement, afterDelete.loadBalancers[0]);
  t.deepEqual(recovered, { ...replacement, remove: [] });
  const finished = applyActions(recovered ? [recovered] : [], afterDelete);
  t.deepEqual(plan(spec(), finished, NOW).actions, []);
});
