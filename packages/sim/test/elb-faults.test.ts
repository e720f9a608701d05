import {
  CreateLoadBalancerListenersCommand,
  DeleteLoadBalancerListenersCommand,
  DescribeLoadBalancersCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { twoHostSpec } from './fixtures.js';
import { httpStatus, startClients } from './sdk.js';

test('Throttling is retried by the SDK when it may retry', async (t) => {
  const { elb, world } = await startClients(t, twoHostSpec(), 2);
  world.setFault('DescribeLoadBalancers', { failNext: 1, code: 'Throttling' });
  const answer = await elb.send(new DescribeLoadBalancersCommand({}));
  t.is(answer.LoadBalancerDescriptions?.length, 2);
  t.is(answer.$metadata.attempts, 2);
  t.is(world.calls().byOperation['elb:DescribeLoadBalancers'], 2);
});

test('Throttling surfaces as an error named Throttling when the SDK may not retry', async (t) => {
  const { elb, world } = await startClients(t);
  world.setFault('*', { throttleRate: 1 });
  const error = await t.throwsAsync(elb.send(new DescribeLoadBalancersCommand({})));
  t.is(error?.name, 'Throttling');
  t.is(httpStatus(error), 400);
  world.clearFaults();
  await t.notThrowsAsync(elb.send(new DescribeLoadBalancersCommand({})));
});

test('failCreateAfterDelete fails the create that follows a delete on that load balancer, once', async (t) => {
  const { elb, world } = await startClients(t);
  world.failCreateAfterDelete('web-elb');
  const listener = { Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 32768 };
  await elb.send(
    new DeleteLoadBalancerListenersCommand({ LoadBalancerName: 'web-elb', LoadBalancerPorts: [80] }),
  );
  const error = await t.throwsAsync(
    elb.send(new CreateLoadBalancerListenersCommand({ LoadBalancerName: 'web-elb', Listeners: [listener] })),
  );
  t.is(httpStatus(error), 500);
  t.deepEqual(world.loadBalancer('web-elb')?.listeners, []);
  await elb.send(
    new CreateLoadBalancerListenersCommand({ LoadBalancerName: 'web-elb', Listeners: [listener] }),
  );
  t.is(world.loadBalancer('web-elb')?.listeners[0]?.instancePort, 32768);
});
