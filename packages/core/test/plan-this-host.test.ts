import test from 'ava';
import { plan } from '../src/index.js';
import {
  configureHealthCheck,
  deregister,
  described,
  HOST_A,
  healthCheck,
  listener,
  loadBalancer,
  NOW,
  observation,
  register,
  replaceListeners,
  service,
  setBackendServerPolicies,
  spec,
  stateOf,
  task,
} from './builders.js';

test('does nothing when the load balancer already points at the serving task', (t) => {
  const result = plan(spec(), observation(), NOW);
  t.deepEqual(result.actions, []);
  t.deepEqual(stateOf(result.services[0]), {
    state: 'in-sync',
    serving: {
      taskArn: task().taskArn,
      instanceId: HOST_A.instanceId,
      hostPort: 32768,
      ready: true,
      onThisHost: true,
    },
  });
});

test('registers this instance when it serves and is not registered', (t) => {
  const result = plan(spec(), observation({ loadBalancers: [loadBalancer({ instances: [] })] }), NOW);
  t.deepEqual(result.actions, [register()]);
  t.is(result.services[0]?.state, 'converging');
  t.is(result.services[0]?.state, 'converging');
});

test('moves health check and listener to a new host port, in that order', (t) => {
  const lb = loadBalancer({
    instances: [],
    listeners: [listener({ instancePort: 31000 })],
    healthCheck: healthCheck('HTTP:31000/health'),
  });
  const result = plan(spec(), observation({ loadBalancers: [lb] }), NOW);
  t.deepEqual(result.actions, [
    register(),
    configureHealthCheck(healthCheck('HTTP:31000/health'), healthCheck('HTTP:32768/health')),
    replaceListeners([listener({ instancePort: 31000 })], [listener({ instancePort: 32768 })]),
  ]);
});

test('keeps the health check path, query and thresholds when it moves the port', (t) => {
  const before = { ...healthCheck('HTTPS:31000/status?deep=1&x=%20y'), interval: 7, healthyThreshold: 3 };
  const lb = loadBalancer({ healthCheck: before });
  const result = plan(spec(), observation({ loadBalancers: [lb] }), NOW);
  t.deepEqual(result.actions, [
    configureHealthCheck(before, { ...before, target: 'HTTPS:32768/status?deep=1&x=%20y' }),
  ]);
});

test('does not rewrite a health check that differs only by protocol case', (t) => {
  const lb = loadBalancer({ healthCheck: healthCheck('http:32768/health') });
  t.deepEqual(plan(spec(), observation({ loadBalancers: [lb] }), NOW).actions, []);
});

test('retargets a TCP health check keeping its protocol', (t) => {
  const lb = loadBalancer({ healthCheck: healthCheck('tcp:31000') });
  t.deepEqual(plan(spec(), observation({ loadBalancers: [lb] }), NOW).actions, [
    configureHealthCheck(healthCheck('tcp:31000'), healthCheck('TCP:32768')),
  ]);
});

test('leaves an unreadable health check target alone and says so', (t) => {
  const lb = loadBalancer({ healthCheck: healthCheck('PING:nowhere') });
  const result = plan(spec(), observation({ loadBalancers: [lb] }), NOW);
  t.deepEqual(result.actions, []);
  t.regex(described(result.services[0]), /PING:nowhere.*left alone/);
});

test('does not rewrite listeners whose protocols are in lower case', (t) => {
  const lb = loadBalancer({ listeners: [listener({ protocol: 'http', instanceProtocol: 'http' })] });
  const result = plan(
    spec(),
    observation({
      loadBalancers: [lb],
      tasks: [task({ ports: [{ containerPort: 8080, hostPort: 32768, protocol: 'TCP' }] })],
    }),
    NOW,
  );
  t.deepEqual(result.actions, []);
});

test('replaces every mismatched listener in one action, keeping certificate and policies', (t) => {
  const https = listener({
    protocol: 'HTTPS',
    loadBalancerPort: 443,
    instancePort: 31000,
    sslCertificateId: 'arn:aws:acm:cert/1',
    policyNames: ['ELBSecurityPolicy-TLS-1-2'],
  });
  const http = listener({ instancePort: 31000 });
  const lb = loadBalancer({ listeners: [http, https] });
  const result = plan(spec(), observation({ loadBalancers: [lb], tasks: [task({ ports: 32768 })] }), NOW);
  t.deepEqual(result.actions, [
    replaceListeners(
      [http, https],
      [
        { ...http, instancePort: 32768 },
        { ...https, instancePort: 32768 },
      ],
    ),
  ]);
});

test('moves backend-server policies to the new port before the listeners and clears the old port after', (t) => {
  const lb = loadBalancer({
    listeners: [listener({ instancePort: 31000 })],
    backendServers: [{ instancePort: 31000, policyNames: ['proxy-protocol'] }],
  });
  const result = plan(spec(), observation({ loadBalancers: [lb] }), NOW);
  t.deepEqual(result.actions, [
    setBackendServerPolicies(32768, [], ['proxy-protocol']),
    replaceListeners([listener({ instancePort: 31000 })], [listener({ instancePort: 32768 })]),
    setBackendServerPolicies(31000, ['proxy-protocol'], []),
  ]);
});

test('does not set backend policies the new port already has', (t) => {
  const lb = loadBalancer({
    listeners: [listener({ instancePort: 31000 })],
    backendServers: [
      { instancePort: 31000, policyNames: ['proxy-protocol'] },
      { instancePort: 32768, policyNames: ['proxy-protocol'] },
    ],
  });
  t.deepEqual(plan(spec(), observation({ loadBalancers: [lb] }), NOW).actions, [
    replaceListeners([listener({ instancePort: 31000 })], [listener({ instancePort: 32768 })]),
    setBackendServerPolicies(31000, ['proxy-protocol'], []),
  ]);
});

test('keeps backend policies on an old port that an unmanaged listener still uses', (t) => {
  const admin = listener({ loadBalancerPort: 8081, instancePort: 31000 });
  const lb = loadBalancer({
    listeners: [listener({ instancePort: 31000 }), admin],
    backendServers: [{ instancePort: 31000, policyNames: ['proxy-protocol'] }],
  });
  const svc = service({ listeners: [{ loadBalancerPort: 80, containerPort: 8080 }] });
  t.deepEqual(plan(spec([svc]), observation({ loadBalancers: [lb] }), NOW).actions, [
    setBackendServerPolicies(32768, [], ['proxy-protocol']),
    replaceListeners([listener({ instancePort: 31000 })], [listener({ instancePort: 32768 })]),
  ]);
});

test('uses the binding of containerPort when the container publishes several', (t) => {
  const several = task({
    ports: [
      { containerPort: 9090, hostPort: 32770 },
      { containerPort: 8080, hostPort: 32771 },
      { containerPort: 8080, hostPort: 32772, protocol: 'udp' },
    ],
  });
  const svc = service({ containerPort: 8080 });
  const result = plan(spec([svc]), observation({ tasks: [several] }), NOW);
  t.deepEqual(result.actions, [
    configureHealthCheck(healthCheck(), healthCheck('HTTP:32771/health')),
    replaceListeners([listener()], [listener({ instancePort: 32771 })]),
  ]);
});

test('uses the first TCP binding when containerPort is not given', (t) => {
  const several = task({
    ports: [
      { containerPort: 53, hostPort: 32700, protocol: 'udp' },
      { containerPort: 9090, hostPort: 0 },
      { containerPort: 9090, hostPort: 32770 },
      { containerPort: 8080, hostPort: 32771 },
    ],
  });
  const result = plan(spec(), observation({ tasks: [several] }), NOW);
  t.is(result.services[0]?.serving?.hostPort, 32770);
});

test('with explicit listeners, rewrites only the named ones, each to its container port', (t) => {
  const svc = service({
    listeners: [
      { loadBalancerPort: 80, containerPort: 8080 },
      { loadBalancerPort: 9000, containerPort: 9090 },
    ],
  });
  const web = listener({ instancePort: 31000 });
  const metrics = listener({ loadBalancerPort: 9000, instancePort: 31001 });
  const untouched = listener({ loadBalancerPort: 8443, instancePort: 31002 });
  const lb = loadBalancer({
    listeners: [web, metrics, untouched],
    healthCheck: healthCheck('HTTP:31000/health'),
  });
  const both = task({
    ports: [
      { containerPort: 8080, hostPort: 32768 },
      { containerPort: 9090, hostPort: 32769 },
    ],
  });
  const result = plan(spec([svc]), observation({ loadBalancers: [lb], tasks: [both] }), NOW);
  t.deepEqual(result.actions, [
    configureHealthCheck(healthCheck('HTTP:31000/health'), healthCheck('HTTP:32768/health')),
    replaceListeners(
      [web, metrics],
      [
        { ...web, instancePort: 32768 },
        { ...metrics, instancePort: 32769 },
      ],
    ),
  ]);
});

test('with explicit listeners, a named port the load balancer lacks is left alone and reported', (t) => {
  const svc = service({
    listeners: [
      { loadBalancerPort: 80, containerPort: 8080 },
      { loadBalancerPort: 444, containerPort: 8080 },
    ],
  });
  const result = plan(spec([svc]), observation(), NOW);
  t.deepEqual(result.actions, []);
  t.regex(described(result.services[0]), /no listener on port 444/);
});

test('with explicit listeners, a task lacking a needed binding is no candidate', (t) => {
  const svc = service({
    listeners: [
      { loadBalancerPort: 80, containerPort: 8080 },
      { loadBalancerPort: 9000, containerPort: 9090 },
    ],
  });
  const result = plan(spec([svc]), observation(), NOW);
  t.deepEqual(result.actions, [deregister()]);
  t.is(result.services[0]?.serving, undefined);
});

test('the health check follows containerPort even with explicit listeners', (t) => {
  const svc = service({ containerPort: 9090, listeners: [{ loadBalancerPort: 80, containerPort: 8080 }] });
  const both = task({
    ports: [
      { containerPort: 8080, hostPort: 32768 },
      { containerPort: 9090, hostPort: 32769 },
    ],
  });
  const result = plan(spec([svc]), observation({ tasks: [both] }), NOW);
  t.deepEqual(result.actions, [configureHealthCheck(healthCheck(), healthCheck('HTTP:32769/health'))]);
});

test('a task started less than the settle time ago still serves when it is the only candidate', (t) => {
  const fresh = task({ startedAt: NOW - 1000, ports: 33000 });
  const result = plan(spec(), observation({ tasks: [fresh] }), NOW);
  t.is(result.services[0]?.serving?.ready, false);
  t.is(result.services[0]?.serving?.hostPort, 33000);
  t.is(result.actions.length, 2);
});

test('does nothing when backend policies are already on the serving port, and leaves other ports alone', (t) => {
  const lb = loadBalancer({
    backendServers: [
      { instancePort: 32768, policyNames: ['proxy-protocol'] },
      { instancePort: 31000, policyNames: ['stale'] },
    ],
  });
  t.deepEqual(plan(spec(), observation({ loadBalancers: [lb] }), NOW).actions, []);
});
