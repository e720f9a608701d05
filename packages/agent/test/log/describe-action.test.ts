import test from 'ava';
import { describeAction } from '../../src/log/describe-action.js';
import { instanceId, lb, listener, replaceListener80 } from '../helpers/fixtures.js';

test('a listener replacement reads as the listener moving to its new instance port, with the old one', (t) => {
  const d = describeAction(replaceListener80);
  t.is(d.msg, 'listener 80 → instancePort 32769 (was 31000) on web-elb');
  t.is(d.loadBalancer, 'web-elb');
  t.deepEqual(d.before, [{ loadBalancerPort: 80, protocol: 'HTTP', instancePort: 31000 }]);
  t.deepEqual(d.after, [{ loadBalancerPort: 80, protocol: 'HTTP', instancePort: 32769 }]);
});

test('several listeners of one load balancer are described in one line', (t) => {
  const d = describeAction({
    ...replaceListener80,
    remove: [listener(80, 31000), listener(443, 31000)],
    create: [listener(80, 32769), listener(443, 32769)],
  });
  t.is(
    d.msg,
    'listener 80 → instancePort 32769 (was 31000), listener 443 → instancePort 32769 (was 31000) on web-elb',
  );
});

test('a health check change shows the target before and after', (t) => {
  const hc = {
    target: 'HTTP:31000/health',
    interval: 10,
    timeout: 5,
    unhealthyThreshold: 2,
    healthyThreshold: 2,
  };
  const d = describeAction({
    type: 'configureHealthCheck',
    serviceName: 'web',
    loadBalancerName: lb,
    before: hc,
    after: { ...hc, target: 'HTTP:32769/health' },
  });
  t.is(d.msg, 'health check HTTP:32769/health (was HTTP:31000/health) on web-elb');
  t.is(d.before, 'HTTP:31000/health');
  t.is(d.after, 'HTTP:32769/health');
});

test('registration names the instance and the load balancer', (t) => {
  t.is(
    describeAction({ type: 'register', serviceName: 'web', loadBalancerName: lb, instanceId }).msg,
    'instance i-0123456789abcdef0 registered with web-elb',
  );
  t.is(
    describeAction({ type: 'deregister', serviceName: 'web', loadBalancerName: lb, instanceId }).msg,
    'instance i-0123456789abcdef0 deregistered from web-elb',
  );
});
