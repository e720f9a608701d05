import {
  createWorld,
  realClock,
  statikaFileUrls,
  VirtualClock,
  type World,
  type WorldSpec,
} from '@statika/sim';
import type { ClusterHarnessOptions } from './cluster-harness.js';

const DEFAULT_START = Date.parse('2026-01-01T00:00:00Z');

const isWorld = (w: WorldSpec | World): w is World => 'snapshot' in w && typeof w.snapshot === 'function';

/** The harness's world: the one given (its clock must match the harness's time), or a new one. */
export const createHarnessWorld = (
  options: Pick<ClusterHarnessOptions, 'world' | 'time' | 'seed' | 'startAt'>,
): World => {
  if (isWorld(options.world)) {
    const virtual = options.world.clock instanceof VirtualClock;
    if (virtual !== (options.time === 'virtual')) {
      throw new Error(
        `the world's clock is ${virtual ? 'virtual' : 'real'}, the harness's time ${options.time}`,
      );
    }
    return options.world;
  }
  const clock = options.time === 'virtual' ? new VirtualClock(options.startAt ?? DEFAULT_START) : realClock();
  return createWorld(options.world, { clock, seed: options.seed ?? 1 });
};

/** Writes the agents' two files into the world's S3, with the overrides applied; returns their URLs. */
export const writeFiles = (
  world: World,
  options: Pick<ClusterHarnessOptions, 'configuration' | 'services'>,
) => {
  const found = statikaFileUrls(world.spec);
  const configuration = found.configurationUrl ?? 's3://statika/configuration.json';
  const services = found.servicesUrl ?? 's3://statika/services.json';
  const body = (url: string): string | undefined => {
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(url) ?? [];
    return world.spec.objects?.find((o) => o.bucket === bucket && o.key === key)?.body;
  };
  const put = (url: string, json: unknown) => {
    const [, bucket = '', key = ''] = /^s3:\/\/([^/]+)\/(.+)$/.exec(url) ?? [];
    world.putObject(bucket, key, `${JSON.stringify(json, null, 2)}\n`);
  };
  const existing = body(configuration);
  const base: unknown =
    existing === undefined ? { cluster: world.cluster, sleepTimeSeconds: 10 } : JSON.parse(existing);
  if (options.configuration !== undefined)
    put(configuration, { ...(base as object), ...options.configuration });
  else if (existing === undefined) put(configuration, base);
  if (options.services !== undefined) put(services, options.services);
  else if (body(services) === undefined)
    throw new Error('the world has no services.json object: pass `services`');
  return { configuration, services };
};
