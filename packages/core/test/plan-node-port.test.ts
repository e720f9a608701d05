import test from 'ava';
import { type Observation, plan } from '../src/index.js';
import {
  configureHealthCheck,
  deregister,
  HOST_A,
  HOST_B,
  healthCheck,
  listener,
  loadBalancer,
  MINUTE,
  NOW,
  observation,
  register,
  replaceListeners,
  service,
  spec,
  task,
} from './builders.js';

/** Node-port mode (SPEC §4 rule 8): the load balancer on 30080 everywhere, each host forwarding it. */
const NODE_PORT = 30080;
const web = service({ nodePort: NODE_PORT });
const atNodePort = (instances = [HOST_A.instanceId, HOST_B.instanceId]) =>
  loadBalancer({
    listeners: [listener({ instancePort: NODE_PORT })],
    healthCheck: healthCheck(`HTTP:${NODE_PORT}/health`),
    instances,
  });
const rule = (hostPort: number) => ({ nodePort: NODE_PORT, hostPort });
const oldTask = task({ arn: 'task/old', ports: 32768, startedAt: NOW - 10 * MINUTE });
const newTask = task({ arn: 'task/new', ports: 32769, startedAt: NOW - 1000 });

const onA = (o: Partial<Observation>): Observation => observation({ on: HOST_A, ...o });

test('the serving host points listeners and health check at the node port, and forwards it to its task', (t) => {
  const result = plan(spec([web]), onA({ tasks: [oldTask], forwarding: [] }), NOW);
  t.deepEqual(result.actions, [
    configureHealthCheck(healthCheck(), healthCheck(`HTTP:${NODE_PORT}/health`)),
    replaceListeners([listener()], [listener({ instancePort: NODE_PORT })]),
  ]);
  t.deepEqual(result.forwarding, { type: 'replace', before: [], after: [rule(32768)] });
});

test('does nothing when the load balancer is at the node port and the rule forwards to the serving task', (t) => {
  const result = plan(
    spec([web]),
    onA({ tasks: [oldTask], loadBalancers: [atNodePort()], forwarding: [rule(32768)] }),
    NOW,
  );
  t.deepEqual(result.actions, []);
  t.deepEqual(result.forwarding, { type: 'in-sync', rules: [rule(32768)] });
  t.is(result.services[0]?.state, 'in-sync');
});

test('a host that does not serve rule 2 registers itself once the listeners forward to the node port', (t) => {
  const tasks = [oldTask, task({ arn: 'task/b', host: HOST_B, ports: 32800, startedAt: NOW - 5 * MINUTE })];
  const result = plan(
    spec([web]),
    onA({ tasks, loadBalancers: [atNodePort([HOST_B.instanceId])], forwarding: [] }),
    NOW,
  );
  t.deepEqual(result.actions, [register()]);
  t.deepEqual(result.forwarding, { type: 'replace', before: [], after: [rule(32768)] });
});

test('a host that does not serve rule 2 waits for the listeners to reach the node port before registering', (t) => {
  const tasks = [oldTask, task({ arn: 'task/b', host: HOST_B, ports: 32800, startedAt: NOW - 5 * MINUTE })];
  const result = plan(
    spec([web]),
    onA({ tasks, loadBalancers: [loadBalancer({ instances: [] })], forwarding: [] }),
    NOW,
  );
  t.deepEqual(result.actions, []);
  t.is(result.services[0]?.state, 'served-elsewhere');
  t.deepEqual(result.forwarding, { type: 'replace', before: [], after: [rule(32768)] });
});

test('during a deploy the rule stays on the incumbent while it is ready, even when a newer task is ready', (t) => {
  const settled = task({ arn: 'task/new', ports: 32769, startedAt: NOW - 2 * MINUTE });
  const result = plan(
    spec([web]),
    onA({ tasks: [oldTask, settled], loadBalancers: [atNodePort()], forwarding: [rule(32768)] }),
    NOW,
  );
  t.deepEqual(result.actions, []);
  t.deepEqual(result.forwarding, { type: 'in-sync', rules: [rule(32768)] });
});

test('when the old task is stopping, the new one takes over inside its settle time, with no AWS call', (t) => {
  const stopping = { ...oldTask, desiredStatus: 'STOPPED' };
  const result = plan(
    spec([web]),
    onA({ tasks: [stopping, newTask], loadBalancers: [atNodePort()], forwarding: [rule(32768)] }),
    NOW,
  );
  t.deepEqual(result.actions, []);
  t.deepEqual(result.forwarding, { type: 'replace', before: [rule(32768)], after: [rule(32769)] });
});

test('a host whose last task is stopping is deregistered before it stops, and its rule is left alone', (t) => {
  const stopping = { ...oldTask, desiredStatus: 'STOPPED' };
  const elsewhere = task({ arn: 'task/b', host: HOST_B, ports: 32800 });
  const result = plan(
    spec([web]),
    onA({ tasks: [stopping, elsewhere], loadBalancers: [atNodePort()], forwarding: [rule(32768)] }),
    NOW,
  );
  t.deepEqual(result.actions, [deregister()]);
  t.deepEqual(result.forwarding, { type: 'in-sync', rules: [rule(32768)] });
});

test('a pending task (health check not answered) gets the traffic here but the host leaves the load balancer', (t) => {
  // The healthy peer on host B tells that the service has a health check, so UNKNOWN here means pending.
  const stopping = { ...oldTask, desiredStatus: 'STOPPED', healthStatus: 'HEALTHY' as const };
  const pending = { ...newTask, healthStatus: 'UNKNOWN' as const };
  const peer = task({ arn: 'task/b', host: HOST_B, ports: 32800, healthStatus: 'HEALTHY' });
  const result = plan(
    spec([web]),
    onA({ tasks: [stopping, pending, peer], loadBalancers: [atNodePort()], forwarding: [rule(32768)] }),
    NOW,
  );
  t.deepEqual(result.actions, [deregister()]);
  t.deepEqual(result.forwarding, { type: 'replace', before: [rule(32768)], after: [rule(32769)] });
});

test('a healthy task takes traffic before an unhealthy one that started later', (t) => {
  const healthy = task({ arn: 'task/h', ports: 32770, startedAt: NOW - MINUTE, healthStatus: 'HEALTHY' });
  const unhealthy = task({ arn: 'task/u', ports: 32771, startedAt: NOW - 1000, healthStatus: 'UNHEALTHY' });
  const result = plan(
    spec([web]),
    onA({ tasks: [unhealthy, healthy], loadBalancers: [atNodePort()], forwarding: [] }),
    NOW,
  );
  t.deepEqual(result.forwarding, { type: 'replace', before: [], after: [rule(32770)] });
});

test('a DRAINING host leaves the load balancer', (t) => {
  const result = plan(
    spec([web]),
    onA({
      tasks: [oldTask],
      loadBalancers: [atNodePort()],
      forwarding: [rule(32768)],
      host: { ...HOST_A, status: 'DRAINING' },
    }),
    NOW,
  );
  t.deepEqual(result.actions, [deregister()]);
});

test('rules of node ports that no service names any more are removed', (t) => {
  const result = plan(
    spec([service()]),
    onA({ forwarding: [rule(32768), { nodePort: 31000, hostPort: 32999 }] }),
    NOW,
  );
  t.deepEqual(result.actions, []);
  t.deepEqual(result.forwarding, {
    type: 'replace',
    before: [rule(32768), { nodePort: 31000, hostPort: 32999 }],
    after: [],
  });
});

test('node-port services with unread rules (no host driver) are reported, nothing is forwarded', (t) => {
  const result = plan(spec([web]), onA({ tasks: [oldTask], loadBalancers: [atNodePort()] }), NOW);
  t.is(result.forwarding.type, 'unobserved');
});

test('without nodePort nothing changes: the same plan with or without a host driver, and no rule', (t) => {
  // The new task is still settling, so the old one serves and the load balancer already points at it.
  const tasks = [oldTask, newTask];
  const withoutDriver = plan(
    spec([service()]),
    onA({ tasks, loadBalancers: [loadBalancer({ instances: [] })] }),
    NOW,
  );
  const withDriver = plan(
    spec([service()]),
    onA({ tasks, loadBalancers: [loadBalancer({ instances: [] })], forwarding: [] }),
    NOW,
  );
  t.deepEqual(withDriver, withoutDriver);
  t.deepEqual(withDriver.forwarding, { type: 'in-sync', rules: [] });
  t.deepEqual(withDriver.actions, [register()]);
});

test('one file mixing both modes plans each service in its own mode', (t) => {
  const api = service({ serviceName: 'api', family: 'api', loadBalancerName: 'api-lb' });
  const apiTask = task({ arn: 'task/api', family: 'api', ports: 32900 });
  const apiLb = loadBalancer({ name: 'api-lb' as never, instances: [] });
  const result = plan(
    spec([web, api]),
    onA({
      tasks: [oldTask, newTask, apiTask],
      loadBalancers: [atNodePort(), apiLb],
      forwarding: [rule(32768)],
    }),
    NOW,
  );
  // The node-port service is in sync; the listener-mode service moves its listener to its task's port.
  t.deepEqual(result.actions, [
    register(HOST_A, 'api-lb', 'api'),
    {
      ...configureHealthCheck(healthCheck(), healthCheck('HTTP:32900/health'), 'api-lb'),
      serviceName: 'api',
    },
    { ...replaceListeners([listener()], [listener({ instancePort: 32900 })], 'api-lb'), serviceName: 'api' },
  ]);
  t.deepEqual(result.forwarding, { type: 'in-sync', rules: [rule(32768)] });
});

test('an incumbent that fails its health check gives the traffic to a ready task here', (t) => {
  const failing = { ...oldTask, healthStatus: 'UNHEALTHY' as const };
  const ready = task({ arn: 'task/new', ports: 32769, startedAt: NOW - MINUTE, healthStatus: 'HEALTHY' });
  const result = plan(
    spec([web]),
    onA({ tasks: [failing, ready], loadBalancers: [atNodePort()], forwarding: [rule(32768)] }),
    NOW,
  );
  t.deepEqual(result.actions, []);
  t.deepEqual(result.forwarding, { type: 'replace', before: [rule(32768)], after: [rule(32769)] });
});
