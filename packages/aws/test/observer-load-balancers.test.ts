import {
  AccessPointNotFoundException,
  DescribeLoadBalancersCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { loadBalancerName } from '@statika/core';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { api, identity, lbDescription, spec, web } from './fixtures.js';
import { mockedObserver } from './observer-fixtures.js';

const { ecsMock, elbMock, observer, serveEcs, listPages, reset } = mockedObserver();

test.beforeEach(reset);

test.serial('a missing load balancer among several is reported and the others are described', async (t) => {
  listPages([[]]);
  serveEcs([]);
  const other = {
    serviceName: 'other',
    family: 'other',
    exposedContainerName: 'app',
    loadBalancerName: 'gone-lb',
  };
  elbMock
    .on(DescribeLoadBalancersCommand)
    .rejectsOnce(
      new AccessPointNotFoundException({
        message: "There is no ACTIVE Load Balancer named 'gone-lb'",
        $metadata: {},
      }),
    )
    .resolvesOnce({ LoadBalancerDescriptions: [lbDescription('web-lb'), lbDescription('api-lb')] });
  const result = await observer.observe(spec([web, other, api]), identity);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.deepEqual(
    result.right.loadBalancers.map((lb) => lb.name),
    ['web-lb', 'api-lb'],
  );
  t.deepEqual(
    elbMock.commandCalls(DescribeLoadBalancersCommand).map((c) => c.args[0].input.LoadBalancerNames),
    [
      ['web-lb', 'gone-lb', 'api-lb'],
      ['web-lb', 'api-lb'],
    ],
  );
});

test.serial('when AWS does not name the missing load balancer, each is described on its own', async (t) => {
  listPages([[]]);
  serveEcs([]);
  elbMock.on(DescribeLoadBalancersCommand).callsFake((input: { LoadBalancerNames: string[] }) => {
    if (input.LoadBalancerNames.includes('api-lb')) {
      throw new AccessPointNotFoundException({ message: 'Cannot find some load balancers', $metadata: {} });
    }
    return { LoadBalancerDescriptions: input.LoadBalancerNames.map((name) => lbDescription(name)) };
  });
  const result = await observer.observe(spec([web, api]), identity);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.deepEqual(
    result.right.loadBalancers.map((lb) => lb.name),
    ['web-lb'],
  );
});

test.serial(
  'describeLoadBalancers reads only the named load balancers, in one call, with no ECS call',
  async (t) => {
    const result = await observer.describeLoadBalancers([loadBalancerName('web-lb')]);
    if (E.isLeft(result)) return t.fail(result.left.message);
    t.deepEqual(
      result.right.loadBalancers.map((lb) => lb.name),
      ['web-lb'],
    );
    t.deepEqual(result.right.missing, []);
    t.deepEqual(
      elbMock.commandCalls(DescribeLoadBalancersCommand).map((c) => c.args[0].input.LoadBalancerNames),
      [['web-lb']],
    );
    t.is(ecsMock.calls().length, 0);
  },
);

test.serial('describeLoadBalancers reports a missing load balancer as missing', async (t) => {
  elbMock.on(DescribeLoadBalancersCommand).rejects(
    new AccessPointNotFoundException({
      message: "There is no ACTIVE Load Balancer named 'gone-lb'",
      $metadata: {},
    }),
  );
  const result = await observer.describeLoadBalancers([loadBalancerName('gone-lb')]);
  t.deepEqual(result, E.right({ loadBalancers: [], missing: ['gone-lb'] }));
});

test.serial('follows DescribeLoadBalancers markers', async (t) => {
  listPages([[]]);
  serveEcs([]);
  elbMock
    .on(DescribeLoadBalancersCommand)
    .resolvesOnce({ LoadBalancerDescriptions: [lbDescription('web-lb')], NextMarker: 'm1' })
    .resolvesOnce({ LoadBalancerDescriptions: [lbDescription('api-lb')], NextMarker: '' });
  const result = await observer.observe(spec([web, api]), identity);
  if (E.isLeft(result)) return t.fail(result.left.message);
  t.is(result.right.loadBalancers.length, 2);
  t.deepEqual(
    elbMock
      .commandCalls(DescribeLoadBalancersCommand)
      .map((c) => [c.args[0].input.Marker, c.args[0].input.PageSize]),
    [
      [undefined, 400],
      ['m1', 400],
    ],
  );
});

test.serial('maps listener policies, backend servers and absent fields', async (t) => {
  listPages([[]]);
  serveEcs([]);
  elbMock.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancerDescriptions: [
      lbDescription('web-lb', {
        ListenerDescriptions: [
          {
            Listener: {
              Protocol: 'HTTPS',
              LoadBalancerPort: 443,
              InstancePort: 32001,
              SSLCertificateId: 'arn:cert',
            },
            PolicyNames: ['ssl-policy'],
          },
          {
            Listener: { Protocol: 'TCP', LoadBalancerPort: 9000, InstancePort: 32002, SSLCertificateId: '' },
          },
        ],
        BackendServerDescriptions: [{ InstancePort: 32001, PolicyNames: ['proxy-protocol'] }],
      }),
    ],
  });
  const result = await observer.observe(spec([web]), identity);
  if (E.isLeft(result)) return t.fail(result.left.message);
  const lb = result.right.loadBalancers[0];
  t.deepEqual(lb?.listeners, [
    {
      protocol: 'HTTPS',
      loadBalancerPort: 443,
      instancePort: 32001,
      sslCertificateId: 'arn:cert',
      policyNames: ['ssl-policy'],
    },
    { protocol: 'TCP', loadBalancerPort: 9000, instancePort: 32002, policyNames: [] },
  ]);
  t.deepEqual(lb?.backendServers, [{ instancePort: 32001, policyNames: ['proxy-protocol'] }]);
});
