import test from 'ava';
import type { AgentStatus } from '../../src/agent-status.js';
import { startHttpServer } from '../../src/http/http-server.js';
import { createAgentMetrics } from '../../src/metrics/agent-metrics.js';
import { agentStatus, replaceListener80, serviceReport, throttled } from '../helpers/fixtures.js';

const serve = async (status: AgentStatus, now = 1_000_000) => {
  const metrics = createAgentMetrics({ defaultMetrics: false });
  metrics.recorder.record({ service: 'ecs', operation: 'ListTasks', result: 'ok', durationMs: 1 });
  const server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    status: () => status,
    registry: metrics.registry,
    now: () => now,
  });
  return {
    server,
    get: (path: string, method = 'GET') => fetch(`http://${server.address}${path}`, { method }),
  };
};

test('port 0 binds a free port and reports it', async (t) => {
  const { server } = await serve(agentStatus());
  t.regex(server.address, /^127\.0\.0\.1:\d+$/);
  t.not(server.address, '127.0.0.1:0');
  await server.close();
});

test('/healthz is 200 while the loop ticked within three intervals, 503 after', async (t) => {
  const fresh = await serve(agentStatus({ lastTickAt: 1_000_000 - 29_000, resyncIntervalMs: 10_000 }));
  t.is((await fresh.get('/healthz')).status, 200);
  await fresh.server.close();
  const stale = await serve(agentStatus({ lastTickAt: 1_000_000 - 31_000, resyncIntervalMs: 10_000 }));
  t.is((await stale.get('/healthz')).status, 503);
  await stale.server.close();
});

test('/readyz follows the status', async (t) => {
  const ready = await serve(agentStatus({ ready: true }));
  t.is((await ready.get('/readyz')).status, 200);
  await ready.server.close();
  const notReady = await serve(agentStatus({ ready: false }));
  t.is((await notReady.get('/readyz')).status, 503);
  await notReady.server.close();
});

test('/status shows per service the serving task and port, sync state, last action and last error', async (t) => {
  const { server, get } = await serve(
    agentStatus({
      services: [
        serviceReport({
          state: 'converging',
          lastAction: { action: replaceListener80, result: 'failed', at: Date.UTC(2026, 10, 26, 12, 1) },
          lastError: { error: throttled, at: Date.UTC(2026, 10, 26, 12, 1) },
        }),
      ],
    }),
  );
  const res = await get('/status');
  t.is(res.status, 200);
  t.regex(res.headers.get('content-type') ?? '', /application\/json/);
  const body = (await res.json()) as { services: unknown[]; identity: unknown; files: unknown[] };
  t.like(body.services[0], {
    service: 'web',
    loadBalancer: 'web-elb',
    state: 'converging',
    reason: { type: 'serves-here' },
    leftAlone: [],
    description:
      'task arn:aws:ecs:eu-west-1:123456789012:task/prod/abc serves on this host, port 32769: moving the load balancer to it',
    since: '2026-11-26T12:00:00.000Z',
    serving: { hostPort: 32769, onThisHost: true },
    lastAction: { description: 'listener 80 → instancePort 32769 (was 31000) on web-elb', result: 'failed' },
    lastError: {
      code: 'Throttling',
      operation: 'CreateLoadBalancerListeners',
      at: '2026-11-26T12:01:00.000Z',
    },
  });
  t.like(body.identity, { instanceId: 'i-0123456789abcdef0', source: 'override' });
  t.like(body.files[0], { url: 's3://bucket/services.json' });
  await server.close();
});

test('/metrics serves the Prometheus text format', async (t) => {
  const { server, get } = await serve(agentStatus());
  const res = await get('/metrics');
  t.is(res.status, 200);
  t.regex(res.headers.get('content-type') ?? '', /text\/plain/);
  t.regex(await res.text(), /statika_aws_calls_total\{service="ecs",operation="ListTasks",result="ok"\} 1/);
  await server.close();
});

test('anything else is 404, and writes are refused', async (t) => {
  const { server, get } = await serve(agentStatus());
  t.is((await get('/')).status, 404);
  t.is((await get('/status/extra')).status, 404);
  t.is((await get('/status', 'POST')).status, 405);
  await server.close();
});

test('a taken port fails to start with the error, not silently', async (t) => {
  const first = await serve(agentStatus());
  const port = Number(first.server.address.split(':')[1]);
  const metrics = createAgentMetrics({ defaultMetrics: false });
  await t.throwsAsync(
    startHttpServer({
      host: '127.0.0.1',
      port,
      status: agentStatus,
      registry: metrics.registry,
      now: () => 0,
    }),
    { message: /EADDRINUSE/ },
  );
  await first.server.close();
});
