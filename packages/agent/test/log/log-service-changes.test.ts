import test from 'ava';
import { serviceChanges } from '../../src/log/log-service-changes.js';
import { agentStatus, serviceReport } from '../helpers/fixtures.js';

test('a service whose state changes is reported with the state it left', (t) => {
  const before = agentStatus({ services: [serviceReport({ state: 'converging' })] });
  const after = agentStatus({ services: [serviceReport({ state: 'in-sync' })] });
  t.deepEqual(
    serviceChanges(before, after).map((c) => [c.service.serviceName, c.from, c.service.state]),
    [['web', 'converging', 'in-sync']],
  );
});

test('a new serving port is a change even when the state stays in-sync', (t) => {
  const moved = serviceReport();
  const before = agentStatus({ services: [moved] });
  const after = agentStatus({
    services: [
      serviceReport({
        serving: moved.serving === undefined ? undefined : { ...moved.serving, hostPort: 32770 },
      }),
    ],
  });
  t.is(serviceChanges(before, after).length, 1);
});

test('an unchanged service is not reported again', (t) => {
  t.deepEqual(serviceChanges(agentStatus(), agentStatus()), []);
});

test('a newly configured service is reported without a previous state', (t) => {
  const after = agentStatus({ services: [serviceReport(), serviceReport({ serviceName: 'api' })] });
  t.deepEqual(
    serviceChanges(agentStatus(), after).map((c) => [c.service.serviceName, c.from]),
    [['api', undefined]],
  );
});
