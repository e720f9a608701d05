// The example of packages/core/README.md, compiled and run (the README imports from '@statika/core').
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import {
  containerInstanceArn,
  decodeConfigurationFile,
  decodeServicesFile,
  formatProblem,
  instanceId,
  loadBalancerName,
  type Observation,
  parseJson,
  plan,
  taskArn,
} from '../src/index.js';

test('the README example plans a cut-over to the new host port', (t) => {
  // --- README example starts
  const configuration = E.flatMap(
    parseJson('{"cluster": "prod", "sleepTimeSeconds": 10}', 'configuration.json'),
    (json) => decodeConfigurationFile(json, 'configuration.json'),
  );
  const web = { serviceName: 'web', family: 'web', exposedContainerName: 'app', loadBalancerName: 'web-lb' };
  const services = E.flatMap(parseJson(JSON.stringify([web]), 'services.json'), (json) =>
    decodeServicesFile(json, 'services.json'),
  );
  if (E.isLeft(configuration) || E.isLeft(services)) {
    throw new Error(
      [configuration, services].flatMap((d) => (E.isLeft(d) ? d.left.map(formatProblem) : [])).join('\n'),
    );
  }

  const now = Date.parse('2026-11-26T12:00:00Z');
  const host = { instanceId: instanceId('i-1'), containerInstanceArn: containerInstanceArn('ci/1') };
  const app = { name: 'app', networkBindings: [{ containerPort: 8080, hostPort: 32769, protocol: 'tcp' }] };
  const running = { lastStatus: 'RUNNING', desiredStatus: 'RUNNING', healthStatus: 'HEALTHY' } as const;
  const listener = { protocol: 'HTTP', loadBalancerPort: 80, instancePort: 32768, policyNames: [] };
  const healthCheck = {
    target: 'HTTP:32768/health',
    interval: 30,
    timeout: 5,
    unhealthyThreshold: 2,
    healthyThreshold: 3,
  };
  const observation: Observation = {
    host: { ...host, status: 'ACTIVE' },
    tasks: [
      {
        taskArn: taskArn('task/new'),
        family: 'web',
        ...host,
        ...running,
        startedAt: now - 60_000,
        containers: [app],
      },
    ],
    loadBalancers: [
      {
        name: loadBalancerName('web-lb'),
        listeners: [listener],
        backendServers: [],
        healthCheck,
        instances: [host.instanceId],
      },
    ],
  };

  const spec = { configuration: configuration.right.value, services: services.right.value };
  const result = plan(spec, observation, now);
  const summary = result.actions.map((a) => `${a.type} ${a.loadBalancerName}`);
  // summary: ['configureHealthCheck web-lb', 'replaceListeners web-lb']; result.services[0].state: 'converging'
  // --- README example ends

  t.deepEqual(summary, ['configureHealthCheck web-lb', 'replaceListeners web-lb']);
  t.is(result.services[0]?.state, 'converging');
  t.is(result.services[0]?.serving?.hostPort, 32769);
});
