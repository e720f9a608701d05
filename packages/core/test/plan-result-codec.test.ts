import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import {
  Action,
  describeServiceStatus,
  loadBalancerName,
  PlanResult,
  plan,
  ServiceStatus,
  taskArn,
} from '../src/index.js';
import { HOSTS, observe, scenarioArb } from './arbitraries.js';
import { NOW } from './builders.js';

/** What a JSON consumer (`statika plan --json`, `/status`) reads back. */
const overJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

test('every plan, written as JSON, decodes back to itself with its codec', (t) => {
  fc.assert(
    fc.property(scenarioArb(), fc.constantFrom(...HOSTS), (scenario, host) => {
      const result = plan(scenario.spec, observe(scenario, host), NOW);
      const decoded = PlanResult.decode(overJson(result));
      return E.isRight(decoded) && JSON.stringify(decoded.right) === JSON.stringify(result);
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test('the codecs refuse what is not an action or a status', (t) => {
  t.true(E.isLeft(Action.decode({ type: 'register', serviceName: 'web', loadBalancerName: 'web-lb' })));
  t.true(E.isLeft(Action.decode({ type: 'reboot', serviceName: 'web', loadBalancerName: 'web-lb' })));
  t.true(
    E.isLeft(
      ServiceStatus.decode({
        serviceName: 'web',
        loadBalancerName: 'web-lb',
        state: 'in-sync',
        reason: 'this host serves',
        leftAlone: [],
      }),
    ),
  );
});

test('a status says in words why, from its data', (t) => {
  const status: ServiceStatus = {
    serviceName: 'web',
    loadBalancerName: loadBalancerName('web-lb'),
    state: 'converging',
    serving: {
      taskArn: taskArn('task/1'),
      instanceId: undefined,
      hostPort: 32768,
      ready: true,
      onThisHost: true,
    },
    reason: { type: 'serves-here' },
    leftAlone: [
      { type: 'absent-listeners', ports: [444] },
      { type: 'unreadable-health-check', target: 'PING:nowhere' },
    ],
  };
  t.is(
    describeServiceStatus(status),
    'task task/1 serves on this host, port 32768: moving the load balancer to it; the load balancer has no listener on port 444; left alone; health check target "PING:nowhere": expected TCP:port, SSL:port, HTTP:port/path or HTTPS:port/path; health check left alone',
  );
});
