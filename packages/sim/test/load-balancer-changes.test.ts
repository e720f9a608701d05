import test from 'ava';
import type { SimLoadBalancer } from '../src/load-balancer.js';
import {
  withBackendServerPolicies,
  withInstance,
  withListenerPolicies,
  withListeners,
  withoutInstance,
  withoutListeners,
} from '../src/load-balancer-changes.js';

const listener = (loadBalancerPort: number, instancePort: number, policyNames: string[] = []) => ({
  protocol: 'HTTP',
  loadBalancerPort,
  instanceProtocol: 'HTTP',
  instancePort,
  policyNames,
});

const lb: SimLoadBalancer = {
  name: 'web-elb',
  listeners: [listener(80, 31000, ['sticky']), listener(81, 31001)],
  backendServers: [{ instancePort: 31000, policyNames: ['proxy'] }],
  healthCheck: {
    target: 'HTTP:31000/health',
    interval: 5,
    timeout: 2,
    unhealthyThreshold: 2,
    healthyThreshold: 2,
  },
  instances: ['i-a'],
};

test('deleting listeners drops them with their policy lists; a port with none is no error', (t) => {
  t.deepEqual(withoutListeners(lb, [80, 8080]).listeners, [listener(81, 31001)]);
  t.deepEqual(withoutListeners(lb, [8080]), lb);
});

test('created listeners come after the others; listener policies are replaced as a whole', (t) => {
  const created = withListeners(withoutListeners(lb, [80]), [listener(80, 32768)]);
  t.deepEqual(created.listeners, [listener(81, 31001), listener(80, 32768)]);
  t.deepEqual(withListenerPolicies(created, 80, ['sticky']).listeners[1], listener(80, 32768, ['sticky']));
  t.deepEqual(withListenerPolicies(lb, 80, []).listeners[0], listener(80, 31000));
});

test('backend-server policies are keyed by instance port; an empty list removes the port', (t) => {
  t.deepEqual(withBackendServerPolicies(lb, 32768, ['proxy']).backendServers, [
    { instancePort: 31000, policyNames: ['proxy'] },
    { instancePort: 32768, policyNames: ['proxy'] },
  ]);
  t.deepEqual(withBackendServerPolicies(lb, 31000, []).backendServers, []);
  t.deepEqual(withBackendServerPolicies(lb, 31000, ['other']).backendServers, [
    { instancePort: 31000, policyNames: ['other'] },
  ]);
});

test('registering is idempotent and deregistering leaves the rest in order', (t) => {
  t.is(withInstance(lb, 'i-a'), lb);
  t.deepEqual(withInstance(lb, 'i-b').instances, ['i-a', 'i-b']);
  t.deepEqual(withoutInstance(withInstance(lb, 'i-b'), 'i-a').instances, ['i-b']);
  t.deepEqual(withoutInstance(lb, 'i-z').instances, ['i-a']);
});
