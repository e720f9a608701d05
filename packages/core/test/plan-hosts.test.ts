import test from 'ava';
import { loadBalancerName, plan } from '../src/index.js';
import {
  configureHealthCheck,
  deregister,
  described,
  HOST_A,
  HOST_B,
  healthCheck,
  listener,
  loadBalancer,
  NOW,
  observation,
  register,
  replaceListeners,
  service,
  spec,
  stateOf,
  task,
} from './builders.js';
import { moveTo, old, SECOND } from './plan-fixtures.js';

test('a task moving between hosts: the old host deregisters, the new host takes the load balancer', (t) => {
  const moved = task({ arn: 'task/new', host: HOST_B, ports: 33000, startedAt: NOW - 60 * SECOND });
  const stopping = { ...old, desiredStatus: 'STOPPED' };
  const obs = { tasks: [stopping, moved], loadBalancers: [loadBalancer({ instances: [HOST_A.instanceId] })] };
  const onA = plan(spec(), observation(obs), NOW);
  t.deepEqual(onA.actions, [deregister(HOST_A)]);
  t.is(onA.services[0]?.serving?.onThisHost, false);
  const onB = plan(spec(), observation({ ...obs, on: HOST_B }), NOW);
  t.deepEqual(onB.actions, [register(HOST_B), ...moveTo(33000, HOST_B)]);
});

test('does nothing on a host that is out of the load balancer while another host serves', (t) => {
  const elsewhere = task({ host: HOST_B });
  const result = plan(
    spec(),
    observation({ tasks: [elsewhere], loadBalancers: [loadBalancer({ instances: [HOST_B.instanceId] })] }),
    NOW,
  );
  t.deepEqual(result.actions, []);
  t.is(result.services[0]?.state, 'served-elsewhere');
  t.not(result.services[0]?.state, 'converging');
});

test('a static host port on two hosts: the serving host sets listeners, then the other joins', (t) => {
  const onA = task({ arn: 'task/a', ports: 8080, startedAt: NOW - 120 * SECOND });
  const onB = task({ arn: 'task/b', ports: 8080, host: HOST_B, startedAt: NOW - 60 * SECOND });
  const stale = loadBalancer({
    instances: [],
    listeners: [listener({ instancePort: 31000 })],
    healthCheck: healthCheck('HTTP:31000/'),
  });
  const fromA = plan(spec(), observation({ tasks: [onA, onB], loadBalancers: [stale] }), NOW);
  t.deepEqual(fromA.actions, []);
  t.is(fromA.services[0]?.serving?.taskArn, onB.taskArn);
  const fromB = plan(spec(), observation({ tasks: [onA, onB], loadBalancers: [stale], on: HOST_B }), NOW);
  t.deepEqual(fromB.actions, [
    register(HOST_B),
    configureHealthCheck(healthCheck('HTTP:31000/'), healthCheck('HTTP:8080/')),
    replaceListeners(
      [listener({ instancePort: 31000 })],
      [listener({ instancePort: 8080 })],
      'web-lb',
      HOST_B,
    ),
  ]);
  const moved = loadBalancer({
    instances: [HOST_B.instanceId],
    listeners: [listener({ instancePort: 8080 })],
    healthCheck: healthCheck('HTTP:8080/'),
  });
  const joining = plan(spec(), observation({ tasks: [onA, onB], loadBalancers: [moved] }), NOW);
  t.deepEqual(joining.actions, [register(HOST_A)]);
  t.is(joining.services[0]?.serving?.taskArn, onB.taskArn);
});

test('a static-port peer that is already registered is in sync', (t) => {
  const onA = task({ arn: 'task/a', ports: 8080, startedAt: NOW - 120 * SECOND });
  const onB = task({ arn: 'task/b', ports: 8080, host: HOST_B, startedAt: NOW - 60 * SECOND });
  const lb = loadBalancer({
    instances: [HOST_A.instanceId, HOST_B.instanceId],
    listeners: [listener({ instancePort: 8080 })],
  });
  const result = plan(spec(), observation({ tasks: [onA, onB], loadBalancers: [lb] }), NOW);
  t.deepEqual(result.actions, []);
  t.deepEqual(result.services[0]?.state, 'in-sync');
});

test('no candidate anywhere: deregisters this instance and leaves listeners and health check alone', (t) => {
  const lb = loadBalancer({
    listeners: [listener({ instancePort: 31000 })],
    healthCheck: healthCheck('HTTP:31000/'),
  });
  const result = plan(spec(), observation({ tasks: [], loadBalancers: [lb] }), NOW);
  t.deepEqual(result.actions, [deregister()]);
  t.deepEqual(stateOf(result.services[0]), { state: 'converging', serving: undefined });
});

test('no candidate anywhere and not registered: does nothing', (t) => {
  const result = plan(
    spec(),
    observation({ tasks: [], loadBalancers: [loadBalancer({ instances: [] })] }),
    NOW,
  );
  t.deepEqual(result.actions, []);
  t.deepEqual(stateOf(result.services[0]), { state: 'no-candidate', serving: undefined });
});

test('a DRAINING container instance deregisters itself from every load balancer and does nothing else', (t) => {
  const specs = [service(), service({ serviceName: 'api', family: 'api', loadBalancerName: 'api-lb' })];
  const lbs = [
    loadBalancer(),
    loadBalancer({ name: loadBalancerName('api-lb'), listeners: [listener({ instancePort: 1 })] }),
  ];
  const obs = observation({ tasks: [task(), task({ arn: 'task/api', family: 'api' })], loadBalancers: lbs });
  const result = plan(spec(specs), { ...obs, host: { ...obs.host, status: 'DRAINING' } }, NOW);
  t.deepEqual(result.actions, [deregister(), deregister(HOST_A, 'api-lb', 'api')]);
});

test('a task on a DRAINING host is not chosen to serve', (t) => {
  const draining = task({ arn: 'task/z', host: HOST_B, ports: 33000, startedAt: NOW - 60 * 1000 });
  const result = plan(
    spec(),
    observation({ tasks: [old, draining], hostStatuses: { [HOST_B.containerInstanceArn]: 'DRAINING' } }),
    NOW,
  );
  t.deepEqual(result.actions, []);
  t.is(result.services[0]?.serving?.taskArn, old.taskArn);
});

test('a missing load balancer is an error for its service only', (t) => {
  const specs = [
    service({ loadBalancerName: 'gone-lb' }),
    service({ serviceName: 'api', family: 'api', loadBalancerName: 'web-lb' }),
  ];
  const obs = observation({
    tasks: [task({ family: 'api' })],
    loadBalancers: [loadBalancer({ instances: [] })],
  });
  const result = plan(spec(specs), obs, NOW);
  t.deepEqual(result.actions, [register(HOST_A, 'web-lb', 'api')]);
  t.is(result.services[0]?.state, 'error');
  t.regex(described(result.services[0]), /gone-lb/);
  t.is(result.services[1]?.state, 'converging');
});

test('a load balancer absent from the observation is missing too', (t) => {
  const result = plan(spec(), observation({ loadBalancers: [] }), NOW);
  t.deepEqual(result.actions, []);
  t.deepEqual(stateOf(result.services[0]), { state: 'error', serving: undefined });
});

test('a host listed as DRAINING leaves the load balancer even if its own status is stale', (t) => {
  const here = task({ arn: 'task/here', ports: 33000, startedAt: NOW - 60 * SECOND });
  const obs = observation({
    tasks: [old, here],
    hostStatuses: { [HOST_A.containerInstanceArn]: 'DRAINING' },
  });
  const result = plan(spec(), obs, NOW);
  t.is(result.services[0]?.serving, undefined);
  t.deepEqual(result.actions, [deregister()]);
});
