import {
  DeregisterInstancesFromLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  InvalidEndPointException,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import test from 'ava';
import { HOST_A, HOST_B } from './fixtures.js';
import { startClients } from './sdk.js';

test('Register and Deregister change the instances; an unknown instance is InvalidInstance', async (t) => {
  const { elb } = await startClients(t);
  const registered = await elb.send(
    new RegisterInstancesWithLoadBalancerCommand({
      LoadBalancerName: 'web-elb',
      Instances: [{ InstanceId: HOST_B }],
    }),
  );
  t.deepEqual(registered.Instances, [{ InstanceId: HOST_A }, { InstanceId: HOST_B }]);
  const health = await elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'web-elb' }));
  t.deepEqual(
    health.InstanceStates?.map((s) => [s.InstanceId, s.State, s.ReasonCode]),
    [
      [HOST_A, 'OutOfService', 'ELB'],
      [HOST_B, 'OutOfService', 'ELB'],
    ],
  );
  const deregistered = await elb.send(
    new DeregisterInstancesFromLoadBalancerCommand({
      LoadBalancerName: 'web-elb',
      Instances: [{ InstanceId: HOST_A }],
    }),
  );
  t.deepEqual(deregistered.Instances, [{ InstanceId: HOST_B }]);
  await t.throwsAsync(
    elb.send(
      new RegisterInstancesWithLoadBalancerCommand({
        LoadBalancerName: 'web-elb',
        Instances: [{ InstanceId: 'i-nope' }],
      }),
    ),
    { instanceOf: InvalidEndPointException },
  );
  await t.throwsAsync(
    elb.send(
      new DescribeInstanceHealthCommand({
        LoadBalancerName: 'web-elb',
        Instances: [{ InstanceId: 'i-nope' }],
      }),
    ),
    { instanceOf: InvalidEndPointException },
  );
});
