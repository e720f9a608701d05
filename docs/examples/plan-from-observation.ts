/**
 * Using @statika/core from another tool: plan from a saved observation, with no AWS and no clock.
 *
 *   npx tsx docs/examples/plan-from-observation.ts [observation.json] [configuration.json] [services.json]
 *
 * The same three inputs always give the same plan, so this is how to answer "what would Statika do on
 * that host, given that state?" offline: in a CI check of a services file, in a chat bot, in a test.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeConfigurationFile,
  decodeServicesFile,
  type FileProblem,
  formatProblem,
  Observation,
  parseJson,
  plan,
  type Spec,
} from '@statika/core';

const here = dirname(fileURLToPath(import.meta.url));
const [observationPath, configurationPath, servicesPath] = [
  process.argv[2] ?? join(here, 'observation.json'),
  process.argv[3] ?? join(here, 'configuration.json'),
  process.argv[4] ?? join(here, 'services.json'),
];

/** Either's two sides, without importing fp-ts: a Left holds the problems, a Right the value. */
const orExit = <A>(
  result: { _tag: 'Left'; left: readonly FileProblem[] } | { _tag: 'Right'; right: A },
): A => {
  if (result._tag === 'Right') return result.right;
  for (const problem of result.left) console.error(formatProblem(problem));
  process.exit(1);
};

const readJson = (path: string): unknown => orExit(parseJson(readFileSync(path, 'utf8'), path));

const configuration = orExit(decodeConfigurationFile(readJson(configurationPath), configurationPath));
const services = orExit(decodeServicesFile(readJson(servicesPath), servicesPath));
for (const warning of [...configuration.warnings, ...services.warnings])
  console.error(formatProblem(warning));
const spec: Spec = { configuration: configuration.value, services: services.value };

// The observation is an io-ts codec too: a saved one is checked before it is planned.
const observation = Observation.decode(readJson(observationPath));
if (observation._tag === 'Left') {
  console.error(`${observationPath}: not an observation`);
  process.exit(1);
}

// `now` is an argument: the plan depends on time only through it (settle time, readiness).
const now = Date.parse('2026-11-26T09:20:00Z');
const result = plan(spec, observation.right, now);

for (const service of result.services) {
  const port = service.serving === undefined ? '' : ` (port ${service.serving.hostPort})`;
  console.log(`${service.serviceName}: ${service.state}${port}: ${service.reason}`);
}
for (const action of result.actions) {
  console.log(`  ${action.loadBalancerName}: ${action.type}`);
}

// What this example promises the reader, checked when CI runs it.
const expected = ['configureHealthCheck', 'replaceListeners', 'deregister'];
const got = result.actions.map((a) => a.type);
if (JSON.stringify(got) !== JSON.stringify(expected)) {
  console.error(`expected actions ${expected.join(', ')}, got ${got.join(', ')}`);
  process.exit(1);
}
