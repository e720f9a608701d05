import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import {
  type Decoded,
  decodeConfigurationFile,
  decodeServicesFile,
  type FileProblem,
  formatProblem,
} from '../src/index.js';
import { configuration, service } from './builders.js';

const problems = <A>(decoded: E.Either<readonly FileProblem[], Decoded<A>>): readonly string[] =>
  E.isLeft(decoded) ? decoded.left.map(formatProblem) : decoded.right.warnings.map(formatProblem);

const error = (path: string, expected: string, got: string, file = 'services.json'): FileProblem => ({
  file,
  path,
  expected,
  got,
  severity: 'error',
});

test('decodes a configuration and applies the defaults', (t) => {
  t.deepEqual(
    decodeConfigurationFile({ cluster: 'prod', sleepTimeSeconds: 10 }, 'configuration.json'),
    E.right({ value: configuration(), warnings: [] }),
  );
});

test('keeps the optional configuration fields as given', (t) => {
  const json = {
    cluster: 'prod',
    sleepTimeSeconds: 10,
    settleTimeSeconds: 0,
    taskSelection: 'single',
    deregisterOnExit: true,
  };
  t.deepEqual(
    decodeConfigurationFile(json, 'configuration.json'),
    E.right({
      value: configuration({ settleTimeSeconds: 0, taskSelection: 'single', deregisterOnExit: true }),
      warnings: [],
    }),
  );
});

test('reports every configuration problem at once, each with its path', (t) => {
  const json = {
    sleepTimeSeconds: 0,
    settleTimeSeconds: 1.5,
    taskSelection: 'fastest',
    deregisterOnExit: 'yes',
  };
  t.deepEqual(
    decodeConfigurationFile(json, 'configuration.json'),
    E.left([
      error('cluster', 'a non-empty string', 'nothing', 'configuration.json'),
      error('sleepTimeSeconds', 'a positive integer', '0', 'configuration.json'),
      error('settleTimeSeconds', 'a non-negative integer (0 or more)', '1.5', 'configuration.json'),
      error('taskSelection', 'one of newest-ready, single', '"fastest"', 'configuration.json'),
      error('deregisterOnExit', 'true or false', '"yes"', 'configuration.json'),
    ]),
  );
});

test('a configuration that is not an object is one problem about the whole file', (t) => {
  t.deepEqual(problems(decodeConfigurationFile([1, 2], 'configuration.json')), [
    'configuration.json: expected an object, got [1,2]',
  ]);
});

test('unknown configuration fields are warnings, and are dropped from the value', (t) => {
  const decoded = decodeConfigurationFile(
    { cluster: 'prod', sleepTimeSeconds: 10, sleepTimeSecond: 5 },
    'c.json',
  );
  t.deepEqual(
    decoded,
    E.right({
      value: configuration(),
      warnings: [
        {
          file: 'c.json',
          path: 'sleepTimeSecond',
          expected:
            'no such field (known: cluster, sleepTimeSeconds, settleTimeSeconds, taskSelection, deregisterOnExit, fleetEcsReadsPerSecond, fleetElbReadsPerSecond)',
          got: '5',
          severity: 'warning',
        },
      ],
    }),
  );
});

test('an editor $schema pointer is neither an error nor a warning', (t) => {
  t.deepEqual(
    decodeConfigurationFile({ $schema: './x.json', cluster: 'prod', sleepTimeSeconds: 10 }, 'c.json'),
    E.right({ value: configuration(), warnings: [] }),
  );
});

test('decodes a services file, family optional', (t) => {
  const json = [
    { serviceName: 'web', family: 'web', exposedContainerName: 'app', loadBalancerName: 'web-lb' },
    {
      serviceName: 'api',
      exposedContainerName: 'app',
      loadBalancerName: 'api-lb',
      containerPort: 8080,
      listeners: [{ loadBalancerPort: 443, containerPort: 8080 }],
    },
  ];
  t.deepEqual(
    decodeServicesFile(json, 'services.json'),
    E.right({
      value: [
        service(),
        service({
          serviceName: 'api',
          family: undefined,
          loadBalancerName: 'api-lb',
          containerPort: 8080,
          listeners: [{ loadBalancerPort: 443, containerPort: 8080 }],
        }),
      ],
      warnings: [],
    }),
  );
});

test('names the file, the path, what was expected and what was found', (t) => {
  const json = [
    service(),
    service({ serviceName: 'b', loadBalancerName: 'b' }),
    { ...service({ serviceName: 'c' }), loadBalancerName: 42 },
  ];
  t.deepEqual(problems(decodeServicesFile(json, 'services.json')), [
    'services.json: services[2].loadBalancerName: expected a non-empty string, got 42',
  ]);
});

test('reports every services problem at once', (t) => {
  const json = [
    { serviceName: '', exposedContainerName: 'app' },
    {
      serviceName: 'b',
      family: 'b',
      exposedContainerName: 'app',
      loadBalancerName: 'b-lb',
      containerPort: 0,
      listeners: [{ loadBalancerPort: 65536, containerPort: 80 }],
    },
    7,
  ];
  t.deepEqual(
    decodeServicesFile(json, 'services.json'),
    E.left([
      error('services[0].serviceName', 'a non-empty string', '""'),
      error('services[0].loadBalancerName', 'a non-empty string', 'nothing'),
      error('services[1].containerPort', 'a port 1..65535', '0'),
      error('services[1].listeners[0].loadBalancerPort', 'a port 1..65535', '65536'),
      error('services[2]', 'an object', '7'),
    ]),
  );
});

test('two services naming one load balancer: an error at both paths', (t) => {
  const json = [service(), service({ serviceName: 'api', family: 'api' })];
  t.deepEqual(
    decodeServicesFile(json, 'services.json'),
    E.left([
      error(
        'services[0].loadBalancerName',
        'a load balancer no other service names (also at services[1].loadBalancerName)',
        '"web-lb"',
      ),
      error(
        'services[1].loadBalancerName',
        'a load balancer no other service names (also at services[0].loadBalancerName)',
        '"web-lb"',
      ),
    ]),
  );
});

test('two explicit listeners on one load balancer port: an error at both paths', (t) => {
  const json = [
    {
      ...service(),
      listeners: [
        { loadBalancerPort: 80, containerPort: 8080 },
        { loadBalancerPort: 80, containerPort: 9090 },
      ],
    },
  ];
  t.deepEqual(problems(decodeServicesFile(json, 'services.json')), [
    'services.json: services[0].listeners[0].loadBalancerPort: expected a loadBalancerPort listed once (also at services[0].listeners[1].loadBalancerPort), got 80',
    'services.json: services[0].listeners[1].loadBalancerPort: expected a loadBalancerPort listed once (also at services[0].listeners[0].loadBalancerPort), got 80',
  ]);
});

test('cross-entry rules are reported together with the codec problems', (t) => {
  const json = [service(), { ...service({ serviceName: 'api' }), containerPort: -1 }];
  const decoded = decodeServicesFile(json, 's.json');
  t.deepEqual(E.isLeft(decoded) ? decoded.left.map((p) => p.path) : [], [
    'services[1].containerPort',
    'services[0].loadBalancerName',
    'services[1].loadBalancerName',
  ]);
});

test('a services file that is not an array is one problem', (t) => {
  t.deepEqual(problems(decodeServicesFile({ serviceName: 'web' }, 'services.json')), [
    'services.json: services: expected an array, got {"serviceName":"web"}',
  ]);
});

test('unknown service and listener fields are warnings with their paths', (t) => {
  const json = [
    { ...service(), listeners: [{ loadBalancerPort: 80, containerPort: 8080, protocol: 'HTTP' }], weight: 2 },
  ];
  const decoded = decodeServicesFile(json, 'services.json');
  t.deepEqual(E.isRight(decoded) ? decoded.right.warnings.map((w) => [w.path, w.severity, w.got]) : [], [
    ['services[0].listeners[0].protocol', 'warning', '"HTTP"'],
    ['services[0].weight', 'warning', '2'],
  ]);
  t.deepEqual(E.isRight(decoded) ? decoded.right.value : [], [
    service({ listeners: [{ loadBalancerPort: 80, containerPort: 8080 }] }),
  ]);
});

test('a warning reads as a warning', (t) => {
  t.is(
    formatProblem({
      file: 'c.json',
      path: 'colour',
      expected: 'no such field',
      got: '"blue"',
      severity: 'warning',
    }),
    'c.json: colour: warning: expected no such field, got "blue"',
  );
});

test('a long value is shortened in the message', (t) => {
  const decoded = decodeConfigurationFile(
    { cluster: 'x'.repeat(200), sleepTimeSeconds: 'y'.repeat(200) },
    'c.json',
  );
  t.true(E.isLeft(decoded) && (decoded.left[0]?.got.length ?? 0) <= 80);
});

test('a file with errors also lists its warnings, after the errors', (t) => {
  const json = [{ ...service(), containerPort: 0, colour: 'blue' }];
  const decoded = decodeServicesFile(json, 'services.json');
  t.deepEqual(E.isLeft(decoded) ? decoded.left.map((p) => [p.path, p.severity]) : [], [
    ['services[0].containerPort', 'error'],
    ['services[0].colour', 'warning'],
  ]);
  const configuration = decodeConfigurationFile({ cluster: 'prod', colour: 'blue' }, 'c.json');
  t.deepEqual(E.isLeft(configuration) ? configuration.left.map((p) => [p.path, p.severity]) : [], [
    ['sleepTimeSeconds', 'error'],
    ['colour', 'warning'],
  ]);
});
