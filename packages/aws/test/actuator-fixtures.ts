import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { instanceId, type ReplaceListeners } from '@statika/core';
import { mockClient } from 'aws-sdk-client-mock';
import { createActuator } from '../src/actuator.js';
import { clientConfig, ec2Id, httpListener, lbName } from './fixtures.js';

/** An actuator over a mocked ELB client that answers every command with `{}` until told otherwise. */
export const mockedActuator = () => {
  const elb = new ElasticLoadBalancingClient(clientConfig);
  const elbMock = mockClient(elb);
  const actuator = createActuator({ elb });
  /** Every command the mock received, in order, as [operation, input]. */
  const sent = () =>
    elbMock
      .calls()
      .map((call) => [call.args[0].constructor.name.replace(/Command$/, ''), call.args[0].input]);
  const reset = () => {
    elbMock.reset();
    elbMock.resolves({});
  };
  return { elbMock, actuator, sent, reset };
};

export const serverError = () =>
  Object.assign(new Error('internal'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });

export const base = { serviceName: 'web', loadBalancerName: lbName('web-lb') };

export const https = (instancePort: number) =>
  httpListener(instancePort, {
    protocol: 'HTTPS',
    loadBalancerPort: 443,
    instanceProtocol: 'HTTP',
    sslCertificateId: 'arn:aws:acm:eu-west-1:1:certificate/abc',
    policyNames: ['ELBSecurityPolicy-2016-08'],
  });

/** The HTTP and HTTPS listeners of web-lb, from port 32001 to 32002. */
export const replace: ReplaceListeners = {
  ...base,
  type: 'replaceListeners',
  remove: [httpListener(32001), https(32001)],
  create: [httpListener(32002), https(32002)],
  writer: instanceId(ec2Id(1)),
};

export const recordKey = `statika:pending-policies:${ec2Id(1)}`;
