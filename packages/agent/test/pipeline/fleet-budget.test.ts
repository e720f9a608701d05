import type { LocalTask } from '@statika/aws';
import type { Configuration, Observation } from '@statika/core';
import { resyncInterval } from '@statika/core';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { of } from 'rxjs';
import { initialState } from '../../src/pipeline/controller-state.js';
import { resyncIntervalMs } from '../../src/pipeline/resync-interval-of.js';
import { testConfiguration } from '../helpers/configuration.js';
import {
  configurationText,
  fakePorts,
  fakeWorld,
  fileRead,
  staleObservation,
  testDependencies,
} from './fixtures.js';
import { at, runController } from './timeline.js';

const TEN_MINUTES_AGO = -600_000;

const configuration = (sleepTimeSeconds: number): Configuration => testConfiguration({ sleepTimeSeconds });

/** This host serves `web` and `api` with tasks started long ago, in a cluster of 500 hosts and 550 tasks. */
const largeCluster = (): Observation => {
  const o = staleObservation();
  return {
    ...o,
    tasks: o.tasks.map((t) => ({ ...t, startedAt: TEN_MINUTES_AGO })),
    clusterSize: { tasks: 550, containerInstances: 500 },
  };
};

/** The core's interval for this host in the large cluster, as the agent must follow it. */
const largeClusterMs = (sleepTimeSeconds: number): number =>
  resyncInterval({ configuration: configuration(sleepTimeSeconds), services: [] }, largeCluster(), 0).ms;

const localTask = (family: string, hostPort: number): LocalTask => ({
  arn: `arn:${family}-${hostPort}`,
  family,
  desiredStatus: 'RUNNING',
  knownStatus: 'RUNNING',
  containers: [{ name: 'app', ports: [{ containerPort: 8080, hostPort, protocol: 'tcp' }] }],
});

test('the resync interval is sleepTimeSeconds until the first observation, then the core share for this host', (t) => {
  const loaded = {
    ...initialState('c.json', 's.json'),
    configurationFile: {
      url: 'c.json',
      loaded: {
        value: configuration(10),
        text: '',
        loadedAt: 0,
      },
      error: undefined,
      failure: undefined,
    },
    servicesFile: {
      url: 's.json',
      loaded: { value: [], text: '', loadedAt: 0 },
      error: undefined,
      failure: undefined,
    },
  };
  t.is(resyncIntervalMs(initialState('c.json', 's.json'), 0), undefined, 'no configuration, no resync');
  t.is(resyncIntervalMs(loaded, 0), 10_000);
  t.is(resyncIntervalMs({ ...loaded, observation: largeCluster() }, 0), largeClusterMs(10));
  t.true(
    largeClusterMs(10) > 60_000,
    'a 500-host cluster stretches the interval well beyond sleepTimeSeconds',
  );
});

test('in a large cluster the resync follows the fleet budget, and a local change still reconciles within a poll', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(10)), observation: largeCluster() });
  let local: readonly LocalTask[] = [localTask('web', 32768), localTask('api', 32769)];
  const ports = { ...fakePorts(world), localTasks: () => of(E.right(local)) };
  const interval = largeClusterMs(10);
  const { lines } = runController(
    (s) => testDependencies(ports, s),
    interval + 5000,
    (s) =>
      at(s, 30_500, () => {
        local = [localTask('web', 32768), localTask('web', 32770), localTask('api', 32769)];
      }),
    (p) => p.type === 'tick',
  );
  // The local change restarts nothing: the resync comes one interval after the start-up observation.
  t.deepEqual(lines, ['0 tick startup', '31000 tick local-change', `${interval} tick resync`]);
});
