import {
  AccessPointNotFoundException,
  DescribeLoadBalancersCommand,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { HOST_A, twoHostSpec } from './fixtures.js';
import { startClients } from './sdk.js';

test('DescribeLoadBalancers answers listeners, health check, instances and backend servers', async (t) => {
  const { elb } = await startClients(t);
  const answer = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['web-elb'] }));
  const [lb] = answer.LoadBalancerDescriptions ?? [];
  t.is(lb?.LoadBalancerName, 'web-elb');
  t.deepEqual(lb?.ListenerDescriptions, [
    {
      Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 32000 },
      PolicyNames: [],
    },
  ]);
  t.deepEqual(lb?.HealthCheck, {
    Target: 'HTTP:32000/health',
    Interval: 5,
    Timeout: 2,
    UnhealthyThreshold: 2,
    HealthyThreshold: 3,
  });
  t.deepEqual(lb?.Instances, [{ InstanceId: HOST_A }]);
  t.deepEqual(lb?.BackendServerDescriptions, []);
  t.truthy(answer.$metadata.requestId);
  t.is(answer.NextMarker, undefined);
});

test('DescribeLoadBalancers fails the whole call for a missing name with LoadBalancerNotFound', async (t) => {
  const { elb } = await startClients(t);
  const error = await t.throwsAsync(
    elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['web-elb', 'nope'] })),
    { instanceOf: AccessPointNotFoundException },
  );
  t.is(error?.message, "There is no ACTIVE Load Balancer named 'nope'");
  t.is(error?.$metadata.httpStatusCode, 400);
});

test('DescribeLoadBalancers pages with PageSize and Marker, and refuses a PageSize above 400', async (t) => {
  const spec = twoHostSpec();
  const many = Array.from({ length: 5 }, (_, i) => ({ ...spec.loadBalancers[1]!, name: `lb-${i}` }));
  const { elb } = await startClients(t, { ...spec, loadBalancers: many });
  const names: string[] = [];
  let pages = 0;
  for await (const page of paginateDescribeLoadBalancers({ client: elb }, { PageSize: 2 })) {
    pages += 1;
    names.push(...(page.LoadBalancerDescriptions ?? []).map((lb) => lb.LoadBalancerName ?? ''));
  }
  t.is(pages, 3);
  t.deepEqual(names, ['lb-0', 'lb-1', 'lb-2', 'lb-3', 'lb-4']);
  const error = await t.throwsAsync(elb.send(new DescribeLoadBalancersCommand({ PageSize: 401 })));
  t.is(error?.name, 'ValidationError');
});
