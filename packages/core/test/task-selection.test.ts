import test from 'ava';
import {
  candidatesOf,
  isCandidate,
  isReady,
  sameListener,
  selectServingTask,
  taskArn,
  taskHealth,
  taskPorts,
} from '../src/index.js';
import {
  HOST_A,
  HOST_B,
  healthCheck,
  listener,
  loadBalancer,
  NOW,
  observation,
  service,
  task,
} from './builders.js';

const SECOND = 1000;
const obs = observation();
/** A load balancer that holds no candidate: no instance registered. */
const unheld = loadBalancer({ instances: [] });

test('a running task with a published TCP binding of the exposed container is a candidate', (t) => {
  t.true(isCandidate(task(), service(), obs));
});

test('protocols of bindings compare case-insensitively', (t) => {
  t.true(
    isCandidate(task({ ports: [{ containerPort: 8080, hostPort: 1, protocol: 'TCP' }] }), service(), obs),
  );
});

test('not a candidate: stopping, not yet running, UDP only, unbound port, other container, draining host', (t) => {
  const svc = service();
  t.false(isCandidate(task({ desiredStatus: 'STOPPED' }), svc, obs));
  t.false(isCandidate(task({ lastStatus: 'PENDING' }), svc, obs));
  t.false(isCandidate(task({ ports: [{ containerPort: 8080, hostPort: 1, protocol: 'udp' }] }), svc, obs));
  t.false(isCandidate(task({ ports: 0 }), svc, obs));
  t.false(isCandidate(task({ containerName: 'sidecar' }), svc, obs));
  const draining = { ...obs, hostStatuses: { [HOST_B.containerInstanceArn]: 'DRAINING' } };
  t.false(isCandidate(task({ host: HOST_B }), svc, draining));
});

test('taskPorts maps each explicit listener to its binding and the health check to containerPort or the first', (t) => {
  const both = task({
    ports: [
      { containerPort: 8080, hostPort: 32768 },
      { containerPort: 9090, hostPort: 32769 },
    ],
  });
  const listeners = [
    { loadBalancerPort: 443, containerPort: 9090 },
    { loadBalancerPort: 80, containerPort: 8080 },
  ];
  t.deepEqual(taskPorts(both, service({ listeners })), {
    hostPort: 32769,
    listenerPorts: new Map([
      [443, 32769],
      [80, 32768],
    ]),
  });
  t.is(taskPorts(both, service({ listeners, containerPort: 8080 }))?.hostPort, 32768);
  t.is(taskPorts(both, service({ containerPort: 7070 })), undefined);
});

test('UNKNOWN health means no health check unless a peer reports one, then it means pending', (t) => {
  t.is(taskHealth(task({ healthStatus: 'UNKNOWN' }), false), 'no-health-check');
  t.is(taskHealth(task({ healthStatus: 'UNKNOWN' }), true), 'pending');
  t.is(taskHealth(task({ healthStatus: 'UNHEALTHY' }), true), 'failing');
  t.is(taskHealth(task({ healthStatus: 'HEALTHY' }), true), 'healthy');
});

test('ready: healthy or without health check, and running for the settle time', (t) => {
  t.true(isReady(task({ startedAt: NOW - 5 * SECOND }), false, 5, NOW));
  t.false(isReady(task({ startedAt: NOW - 4 * SECOND }), false, 5, NOW));
  t.false(isReady(task({ healthStatus: 'UNHEALTHY' }), true, 5, NOW));
  t.false(isReady(task({ healthStatus: 'UNKNOWN' }), true, 5, NOW));
  t.true(isReady(task({ healthStatus: 'HEALTHY', startedAt: NOW }), true, 0, NOW));
  const notStarted = { ...task(), startedAt: undefined };
  t.false(isReady(notStarted, false, 0, NOW));
});

test('candidatesOf reads UNKNOWN as pending when another candidate of the service reports health', (t) => {
  const healthy = task({ arn: 'task/a', healthStatus: 'HEALTHY' });
  const unknown = task({ arn: 'task/b', healthStatus: 'UNKNOWN' });
  t.deepEqual(
    candidatesOf(service(), [healthy, unknown], obs, 5, NOW, unheld).map((c) => c.ready),
    [true, false],
  );
  t.deepEqual(
    candidatesOf(service(), [unknown], obs, 5, NOW, unheld).map((c) => c.ready),
    [true],
  );
});

test('among candidates the load balancer does not hold: ready first, then the latest start, then the lowest task ARN', (t) => {
  const pick = (...tasks: ReturnType<typeof task>[]) =>
    selectServingTask(candidatesOf(service(), tasks, obs, 5, NOW, unheld))?.task.taskArn;
  const oldReady = task({ arn: 'task/old', startedAt: NOW - 600 * SECOND });
  const newNotReady = task({ arn: 'task/new', startedAt: NOW - SECOND });
  const newReady = task({ arn: 'task/newer', startedAt: NOW - 10 * SECOND });
  t.is(pick(newNotReady, oldReady), oldReady.taskArn);
  t.is(pick(oldReady, newReady, newNotReady), newReady.taskArn);
  t.is(pick(task({ arn: 'task/b' }), task({ arn: 'task/a' })), taskArn('task/a'));
  t.is(pick(), undefined);
});

test('among candidates not ready, one that can take traffic comes before one that cannot', (t) => {
  const healthyNew = task({ arn: 'task/healthy', healthStatus: 'HEALTHY', startedAt: NOW - SECOND });
  const pendingNewer = task({ arn: 'task/pending', healthStatus: 'UNKNOWN', startedAt: NOW });
  const picked = selectServingTask(candidatesOf(service(), [pendingNewer, healthyNew], obs, 5, NOW, unheld));
  t.is(picked?.task.taskArn, healthyNew.taskArn);
});

test('ranks: the incumbent 0, a candidate on a registered instance that can take traffic 1, any other 2', (t) => {
  const lb = loadBalancer({ instances: [HOST_A.instanceId] });
  const incumbent = task({ arn: 'task/incumbent', ports: 32768, healthStatus: 'HEALTHY' });
  const settling = task({ arn: 'task/settling', ports: 32769, healthStatus: 'HEALTHY', startedAt: NOW });
  const pending = task({ arn: 'task/pending', ports: 32770, healthStatus: 'UNKNOWN', startedAt: NOW });
  const elsewhere = task({ arn: 'task/elsewhere', ports: 32771, host: HOST_B, healthStatus: 'HEALTHY' });
  t.deepEqual(
    candidatesOf(service(), [incumbent, settling, pending, elsewhere], obs, 5, NOW, lb).map((c) => c.rank),
    [0, 1, 2, 2],
  );
});

test('ranks: no incumbent while the health check probes another port or no managed listener exists', (t) => {
  const incumbent = task({ arn: 'task/incumbent', ports: 32768 });
  const rank = (lb: ReturnType<typeof loadBalancer>) =>
    candidatesOf(service(), [incumbent], obs, 5, NOW, lb).map((c) => c.rank);
  t.deepEqual(rank(loadBalancer({ healthCheck: healthCheck('HTTP:31000/health') })), [1]);
  t.deepEqual(rank(loadBalancer({ healthCheck: healthCheck('PING:1') })), [0]);
  t.deepEqual(rank(loadBalancer({ listeners: [] })), [1]);
  const named = service({ listeners: [{ loadBalancerPort: 443, containerPort: 8080 }] });
  t.deepEqual(
    candidatesOf(named, [incumbent], obs, 5, NOW, loadBalancer()).map((c) => c.rank),
    [1],
  );
});

test("ranks are each candidate's own: a static-port peer on an unregistered instance is not held", (t) => {
  const onA = task({ arn: 'task/a', ports: 8080 });
  const onB = task({ arn: 'task/b', ports: 8080, host: HOST_B });
  const lb = loadBalancer({
    instances: [HOST_A.instanceId],
    listeners: [listener({ instancePort: 8080 })],
    healthCheck: healthCheck('HTTP:8080/'),
  });
  t.deepEqual(
    candidatesOf(service(), [onA, onB], obs, 5, NOW, lb).map((c) => c.rank),
    [0, 2],
  );
});

test('listeners compare with protocols in any case and absent fields equal to empty ones', (t) => {
  t.true(
    sameListener(listener({ protocol: 'https', instanceProtocol: '' }), {
      ...listener({ protocol: 'HTTPS' }),
      instanceProtocol: undefined,
    }),
  );
  t.true(sameListener(listener({ sslCertificateId: '' }), listener()));
  t.false(sameListener(listener({ sslCertificateId: 'arn:cert/1' }), listener()));
  t.false(sameListener(listener({ instancePort: 1 }), listener()));
});
