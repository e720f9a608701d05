import {
  AccessPointNotFoundException,
  ConfigureHealthCheckCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { startClients } from './sdk.js';

const healthCheck = {
  Target: 'HTTP:32768/health',
  Interval: 5,
  Timeout: 2,
  UnhealthyThreshold: 2,
  HealthyThreshold: 2,
};

test('ConfigureHealthCheck stores a valid check and refuses bad ones with ValidationError', async (t) => {
  const { elb, world } = await startClients(t);
  const answer = await elb.send(
    new ConfigureHealthCheckCommand({
      LoadBalancerName: 'web-elb',
      HealthCheck: { ...healthCheck, Target: 'http:32768/ping' },
    }),
  );
  t.is(answer.HealthCheck?.Target, 'HTTP:32768/ping');
  t.is(world.loadBalancer('web-elb')?.healthCheck.target, 'HTTP:32768/ping');
  const bad = [
    { ...healthCheck, Target: 'HTTP:32768' },
    { ...healthCheck, Target: 'TCP:0' },
    { ...healthCheck, Target: 'FTP:21' },
    { ...healthCheck, Interval: 4 },
    { ...healthCheck, Interval: 301 },
    { ...healthCheck, Timeout: 1 },
    { ...healthCheck, Timeout: 5, Interval: 5 },
    { ...healthCheck, HealthyThreshold: 11 },
    { ...healthCheck, UnhealthyThreshold: 1 },
  ];
  for (const hc of bad) {
    const error = await t.throwsAsync(
      elb.send(new ConfigureHealthCheckCommand({ LoadBalancerName: 'web-elb', HealthCheck: hc })),
    );
    t.is(error?.name, 'ValidationError', JSON.stringify(hc));
  }
  t.is(world.loadBalancer('web-elb')?.healthCheck.target, 'HTTP:32768/ping');
  await t.throwsAsync(
    elb.send(new ConfigureHealthCheckCommand({ LoadBalancerName: 'nope', HealthCheck: healthCheck })),
    {
      instanceOf: AccessPointNotFoundException,
    },
  );
});
