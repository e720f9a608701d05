import test from 'ava';
import { loadBalancerName, plan } from '../src/index.js';
import {
  described,
  HOST_A,
  HOST_B,
  loadBalancer,
  NOW,
  observation,
  register,
  service,
  spec,
  stateOf,
  task,
} from './builders.js';
import { moveTo, old, SECOND } from './plan-fixtures.js';

test('finds the tasks of a service without a family by its group', (t) => {
  const grouped = task({ family: 'web-td', group: 'service:web', ports: 33000 });
  const other = task({
    arn: 'task/other',
    family: 'web-td',
    group: 'service:batch',
    ports: 34000,
    startedAt: NOW,
  });
  const result = plan(spec([service({ family: undefined })]), observation({ tasks: [grouped, other] }), NOW);
  t.deepEqual(result.actions, moveTo(33000));
});

test('plans services in the order of the services file', (t) => {
  const specs = [
    service({ serviceName: 'b', family: 'b', loadBalancerName: 'b-lb' }),
    service({ serviceName: 'a', family: 'a', loadBalancerName: 'a-lb' }),
  ];
  const lbs = [
    loadBalancer({ name: loadBalancerName('a-lb'), instances: [] }),
    loadBalancer({ name: loadBalancerName('b-lb'), instances: [] }),
  ];
  const obs = observation({
    tasks: [task({ family: 'a' }), task({ arn: 'task/b', family: 'b' })],
    loadBalancers: lbs,
  });
  const result = plan(spec(specs), obs, NOW);
  t.deepEqual(result.actions, [register(HOST_A, 'b-lb', 'b'), register(HOST_A, 'a-lb', 'a')]);
  t.deepEqual(
    result.services.map((s) => s.serviceName),
    ['b', 'a'],
  );
});

test('policy single: acts when exactly one task runs on this host', (t) => {
  const fresh = task({ ports: 33000, startedAt: NOW - SECOND });
  const result = plan(spec([service()], { taskSelection: 'single' }), observation({ tasks: [fresh] }), NOW);
  t.deepEqual(result.actions, moveTo(33000));
});

test('policy single: waits when two tasks run on this host', (t) => {
  const fresh = task({ arn: 'task/new', ports: 33000 });
  const result = plan(
    spec([service()], { taskSelection: 'single' }),
    observation({ tasks: [old, fresh], loadBalancers: [loadBalancer({ instances: [] })] }),
    NOW,
  );
  t.deepEqual(result.actions, []);
  t.deepEqual(stateOf(result.services[0]), { state: 'waiting', serving: undefined });
});

test('policy single: waits, without deregistering, when no task runs on this host', (t) => {
  const result = plan(
    spec([service()], { taskSelection: 'single' }),
    observation({ tasks: [task({ host: HOST_B })] }),
    NOW,
  );
  t.deepEqual(result.actions, []);
  t.is(result.services[0]?.state, 'waiting');
});

test('policy single: waits when the only task has no usable binding', (t) => {
  const unbound = task({ ports: 0 });
  const result = plan(spec([service()], { taskSelection: 'single' }), observation({ tasks: [unbound] }), NOW);
  t.deepEqual(result.actions, []);
  t.regex(described(result.services[0]), /no usable port binding/);
});
