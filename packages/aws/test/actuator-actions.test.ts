import {
  ConfigureHealthCheckCommand,
  DeregisterInstancesFromLoadBalancerCommand,
  RegisterInstancesWithLoadBalancerCommand,
  SetLoadBalancerPoliciesForBackendServerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { instanceId } from '@statika/core';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { base, mockedActuator } from './actuator-fixtures.js';
import { ec2Id } from './fixtures.js';

const { elbMock, actuator, sent, reset } = mockedActuator();

test.beforeEach(reset);

test.serial('registers and deregisters this instance', async (t) => {
  t.deepEqual(
    await actuator.apply({ ...base, type: 'register', instanceId: instanceId(ec2Id(1)) }),
    E.right({ type: 'applied' }),
  );
  t.deepEqual(
    await actuator.apply({ ...base, type: 'deregister', instanceId: instanceId(ec2Id(1)) }),
    E.right({ type: 'applied' }),
  );
  t.deepEqual(sent(), [
    [
      'RegisterInstancesWithLoadBalancer',
      { LoadBalancerName: 'web-lb', Instances: [{ InstanceId: ec2Id(1) }] },
    ],
    [
      'DeregisterInstancesFromLoadBalancer',
      { LoadBalancerName: 'web-lb', Instances: [{ InstanceId: ec2Id(1) }] },
    ],
  ]);
});

test.serial('configures the health check as it should be after', async (t) => {
  const before = {
    target: 'HTTP:32001/health',
    interval: 10,
    timeout: 5,
    unhealthyThreshold: 2,
    healthyThreshold: 3,
  };
  await actuator.apply({
    ...base,
    type: 'configureHealthCheck',
    before,
    after: { ...before, target: 'HTTP:32002/health' },
  });
  t.deepEqual(sent(), [
    [
      'ConfigureHealthCheck',
      {
        LoadBalancerName: 'web-lb',
        HealthCheck: {
          Target: 'HTTP:32002/health',
          Interval: 10,
          Timeout: 5,
          UnhealthyThreshold: 2,
          HealthyThreshold: 3,
        },
      },
    ],
  ]);
});

test.serial('sets and clears backend-server policies', async (t) => {
  await actuator.apply({
    ...base,
    type: 'setBackendServerPolicies',
    instancePort: 32002,
    before: [],
    policyNames: ['pp'],
  });
  await actuator.apply({
    ...base,
    type: 'setBackendServerPolicies',
    instancePort: 32001,
    before: ['pp'],
    policyNames: [],
  });
  t.deepEqual(sent(), [
    [
      'SetLoadBalancerPoliciesForBackendServer',
      { LoadBalancerName: 'web-lb', InstancePort: 32002, PolicyNames: ['pp'] },
    ],
    [
      'SetLoadBalancerPoliciesForBackendServer',
      { LoadBalancerName: 'web-lb', InstancePort: 32001, PolicyNames: [] },
    ],
  ]);
});

test.serial('a failed register is an error value with operation and resource', async (t) => {
  elbMock
    .on(RegisterInstancesWithLoadBalancerCommand)
    .rejects(
      Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } }),
    );
  const result = await actuator.apply({ ...base, type: 'register', instanceId: instanceId(ec2Id(1)) });
  t.deepEqual(
    result,
    E.left({
      type: 'throttled',
      service: 'elb',
      operation: 'RegisterInstancesWithLoadBalancer',
      resource: 'web-lb',
      code: 'Throttling',
      message: 'Rate exceeded',
    }),
  );
  t.is(elbMock.commandCalls(DeregisterInstancesFromLoadBalancerCommand).length, 0);
  t.is(elbMock.commandCalls(ConfigureHealthCheckCommand).length, 0);
  t.is(elbMock.commandCalls(SetLoadBalancerPoliciesForBackendServerCommand).length, 0);
});
