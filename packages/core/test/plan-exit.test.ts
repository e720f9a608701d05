import test from 'ava';
import { loadBalancerName, planExit } from '../src/index.js';
import { deregister, HOST_A, HOST_B, loadBalancer, observation, service, spec } from './builders.js';

const twoServices = spec([
  service(),
  service({ serviceName: 'api', family: 'api', loadBalancerName: 'api-lb' }),
]);

test('leaving deregisters this instance only where it is registered', (t) => {
  const obs = observation({
    loadBalancers: [
      loadBalancer({ instances: [HOST_A.instanceId, HOST_B.instanceId] }),
      loadBalancer({ name: loadBalancerName('api-lb'), instances: [HOST_B.instanceId] }),
    ],
  });
  t.deepEqual(planExit(twoServices, HOST_A.instanceId, obs), [deregister(HOST_A)]);
});

test('leaving without an observation deregisters from every configured load balancer', (t) => {
  t.deepEqual(planExit(twoServices, HOST_A.instanceId, undefined), [
    deregister(HOST_A),
    deregister(HOST_A, 'api-lb', 'api'),
  ]);
});

test('leaving does nothing when this instance is in no load balancer', (t) => {
  const obs = observation({ loadBalancers: [loadBalancer({ instances: [HOST_B.instanceId] })] });
  t.deepEqual(planExit(twoServices, HOST_A.instanceId, obs), []);
});
