import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { S3Client } from '@aws-sdk/client-s3';
import type { ExecutionContext } from 'ava';
import { realClock } from '../src/clock.js';
import { type RunningSim, startSim } from '../src/start-sim.js';
import { createWorld, type World } from '../src/world.js';
import type { WorldSpec } from '../src/world-spec.js';
import { twoHostSpec } from './fixtures.js';

export const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

export interface SimClients {
  readonly world: World;
  readonly sim: RunningSim;
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingClient;
  readonly s3: S3Client;
}

/** A fresh world on real time, served over HTTP, with real SDK clients pointed at it; closed after the test. */
export const startClients = async (
  t: ExecutionContext,
  spec: WorldSpec = twoHostSpec(),
  maxAttempts = 1,
): Promise<SimClients> => {
  const world = createWorld(spec, { clock: realClock(), seed: 3 });
  const sim = await startSim(world);
  const common = { region: 'us-east-1', credentials, endpoint: sim.awsUrl, maxAttempts };
  const clients = {
    world,
    sim,
    ecs: new ECSClient(common),
    elb: new ElasticLoadBalancingClient(common),
    s3: new S3Client({ ...common, forcePathStyle: true }),
  };
  t.teardown(async () => {
    clients.ecs.destroy();
    clients.elb.destroy();
    clients.s3.destroy();
    await sim.close();
    world.close();
  });
  return clients;
};

/** The HTTP status an SDK error carries. */
export const httpStatus = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
