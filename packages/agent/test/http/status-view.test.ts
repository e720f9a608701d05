import { readFileSync } from 'node:fs';
import test from 'ava';
import { statusView } from '../../src/http/status-view.js';
import { agentStatus, replaceListener80, serviceReport, throttled } from '../helpers/fixtures.js';

/** The example of one `/status` service entry in docs/troubleshooting.md. */
const documentedService = (): Record<string, unknown> => {
  const doc = readFileSync(new URL('../../../../docs/troubleshooting.md', import.meta.url), 'utf8');
  const block = /These are states and reasons in `\/status`[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
  if (block === undefined) throw new Error('no /status example in docs/troubleshooting.md');
  return JSON.parse(block) as Record<string, unknown>;
};

/** Every key path of a JSON value (`serving.hostPort`, `reason.type`, …), array items as `[]`. */
const shape = (value: unknown, at = ''): string[] => {
  if (Array.isArray(value)) return value.flatMap((item) => shape(item, `${at}[]`));
  if (value === null || typeof value !== 'object') return [at];
  return Object.entries(value).flatMap(([k, v]) => shape(v, at === '' ? k : `${at}.${k}`));
};

test('the documented /status service entry has the shape /status serves', (t) => {
  const report = serviceReport({
    state: 'converging',
    leftAlone: [{ type: 'absent-listeners', ports: [8443] }],
    lastAction: { action: replaceListener80, result: 'applied', at: 0 },
    lastError: { error: throttled, at: 0 },
  });
  const served = JSON.parse(JSON.stringify(statusView(agentStatus({ services: [report] })).services[0]));
  t.deepEqual([...new Set(shape(documentedService()))].sort(), [...new Set(shape(served))].sort());
});
