import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { VirtualClock } from '../src/clock.js';
import { describeWorld } from '../src/describe-world.js';
import { loadScenario, statikaFileUrls } from '../src/scenario.js';
import { DEMO_INSTANCE_ID, DEMO_STALE_PORTS, demoScenario } from '../src/scenarios/demo.js';
import { createWorld } from '../src/world.js';
import { decodeWorldSpec } from '../src/world-spec.js';

test('the demo scenario decodes and its load balancers point at stale ports', (t) => {
  const decoded = decodeWorldSpec(JSON.parse(JSON.stringify(demoScenario())));
  t.true(E.isRight(decoded));
  const world = createWorld(demoScenario(), { clock: new VirtualClock() });
  t.is(world.loadBalancer('web-elb')?.listeners[0]?.instancePort, DEMO_STALE_PORTS.web);
  t.is(world.loadBalancer('web-elb')?.healthCheck.target, `HTTP:${DEMO_STALE_PORTS.web}/health`);
  t.is(world.loadBalancer('tcp-elb')?.healthCheck.target, `TCP:${DEMO_STALE_PORTS.tcp}`);
  t.false(world.probe('web-elb', 80));
  t.is(world.tasks().filter((task) => task.lastStatus === 'RUNNING').length, 2);
  t.deepEqual(statikaFileUrls(demoScenario()), {
    configurationUrl: 's3://statika/configuration.json',
    servicesUrl: 's3://statika/services.json',
  });
});

test('a bad scenario is reported with JSON paths, never thrown', (t) => {
  const result = decodeWorldSpec({
    cluster: 'c',
    hosts: [{ instanceId: 7 }],
    taskDefinitions: [],
    services: [{ serviceName: 's', family: 'missing', desiredCount: 1 }],
    loadBalancers: [],
  });
  t.deepEqual(E.isLeft(result) ? result.left : [], ['hosts[0].instanceId: expected string, got 7']);
  const references = decodeWorldSpec({
    cluster: 'c',
    hosts: [],
    taskDefinitions: [],
    services: [{ serviceName: 's', family: 'missing', desiredCount: 1 }],
    loadBalancers: [],
  });
  t.deepEqual(E.isLeft(references) ? references.left : [], [
    'services[0].family: no task definition "missing"',
  ]);
});

test('a scenario with inconsistent parts lists every problem', (t) => {
  const spec = demoScenario();
  const result = decodeWorldSpec({
    ...spec,
    hosts: [...spec.hosts, ...spec.hosts],
    services: [{ serviceName: 'web', family: 'web', desiredCount: -1, placement: ['i-nope'] }],
    loadBalancers: [
      { ...spec.loadBalancers[0]!, healthCheck: { ...spec.loadBalancers[0]!.healthCheck, interval: 1 } },
    ],
  });
  t.deepEqual(E.isLeft(result) ? result.left : [], [
    `hosts: "${spec.hosts[0]?.instanceId}" appears twice`,
    'services[0].desiredCount: expected a non-negative integer',
    'services[0].placement: no host "i-nope"',
    "loadBalancers[0].healthCheck: 1 validation error detected: Value '1' at 'healthCheck.interval' failed to satisfy constraint: Member must have value greater than or equal to 5",
  ]);
});

test('loadScenario reads built-in names and JSON files, naming the file in every problem', (t) => {
  t.true(E.isRight(loadScenario('demo')));
  const dir = mkdtempSync(join(tmpdir(), 'sim-scenario-'));
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify(demoScenario()));
  t.true(E.isRight(loadScenario(good)));
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{');
  const parsed = loadScenario(broken);
  t.regex(E.isLeft(parsed) ? (parsed.left[0] ?? '') : '', /broken\.json: not valid JSON/);
  const missing = loadScenario(join(dir, 'nope.json'));
  t.regex(E.isLeft(missing) ? (missing.left[0] ?? '') : '', /nope\.json: cannot read the scenario/);
});

test('describeWorld shows the demo at a glance: tasks with their ports, load balancers with stale ports', (t) => {
  const world = createWorld(demoScenario(), { clock: new VirtualClock() });
  const lines = describeWorld(world.snapshot());
  t.true(
    lines.some((l) =>
      /^task \w{8} \(web\) web:1 RUNNING HEALTHY on i-\w+, host ports web:8080->32768$/.test(l),
    ),
  );
  t.true(
    lines.includes(
      `load balancer web-elb: listeners HTTP:80->32000; health check HTTP:32000/health; instances ${DEMO_INSTANCE_ID} OutOfService`,
    ),
  );
});
