import { netnsUnavailable } from '@statika/host';
import test from 'ava';
import { demoScenarios } from '../../src/demo/demo-scenarios.js';
import { runDemo } from '../../src/demo/run-demo.js';

test('statika demo --fast: every scenario converges, and traffic survives both rolling deploys', async (t) => {
  const lines: string[] = [];
  const results = await runDemo({ fast: true, print: (line) => lines.push(line) });
  // The node-port act runs where network namespaces can be made (root, nft), and says why not elsewhere.
  const kernel = netnsUnavailable() === undefined;
  t.deepEqual(
    results.map((r) => r.title),
    [...demoScenarios().map((s) => s.title), ...(kernel ? ['node-port rolling deploy (2 hosts)'] : [])],
  );
  if (!kernel) t.true(lines.some((l) => /node-port mode: skipped \(/.test(l)));
  for (const result of results) t.true(result.converged, `${result.title} converged`);
  const deploys = results.filter((r) => r.title.includes('rolling deploy'));
  t.is(deploys.length, kernel ? 3 : 2);
  for (const deploy of deploys) {
    t.true(deploy.probes > 0, `${deploy.title} was probed`);
    // Failures during the listener swap itself (delete, then create) are reported apart and allowed.
    t.is(deploy.failedProbes, 0, `${deploy.title}: no failed probe beyond the listener replacement`);
  }
  const throttled = results.find((r) => r.title.includes('throttling'));
  t.true((throttled?.throttledCalls ?? 0) > 0, 'the last deploy did meet throttling');
  t.true(lines.some((l) => /web-elb\s+listener 80 → \d+ \(was \d+\)/.test(l)));
  t.true(lines.some((l) => /tcp-elb\s+instance i-\w+ registered/.test(l)));
  t.true(lines.some((l) => /web-elb\s+health check HTTP:\d+\/health \(was HTTP:32000\/health\)/.test(l)));
  t.true(lines.some((l) => /tcp-elb\s+instance i-\w+ deregistered/.test(l)));
  t.true(lines.some((l) => /probe\s+traffic on web-elb:80 flows/.test(l)));
  if (kernel)
    t.true(
      lines.some((l) =>
        /kernel \(statika-demo-\d+-1\): fib daddr type local tcp dport 30080 redirect to :\d+/.test(l),
      ),
    );
});
