import type { SimCluster } from '../../src/sim-cluster/sim-cluster.js';
import type { BadContent, SoakEvent, SoakFile } from './soak-event.js';

/** The good files, to put back after a bad one. */
export interface SoakFiles {
  readonly url: Readonly<Record<SoakFile, string>>;
  readonly body: Readonly<Record<SoakFile, string>>;
}

const badBodies: Readonly<Record<SoakFile, Readonly<Record<Exclude<BadContent, 'access-denied'>, string>>>> =
  {
    configuration: {
      'invalid-json': '{"cluster": "soak", "sleepTimeSeconds": ',
      'wrong-types': '{"cluster": "soak", "sleepTimeSeconds": "ten"}',
    },
    services: {
      'invalid-json': '[{"serviceName": "soak-0",',
      'wrong-types': '[{"serviceName": 42, "exposedContainerName": "app", "loadBalancerName": ""}]',
    },
  };

export const bucketAndKey = (url: string): { bucket: string; key: string } => {
  const [, bucket = '', key = ''] = /^s3:\/\/([^/]+)\/(.+)$/.exec(url) ?? [];
  return { bucket, key };
};

export const restoreFile = (cluster: SimCluster, files: SoakFiles, file: SoakFile): void => {
  const { bucket, key } = bucketAndKey(files.url[file]);
  cluster.world.allowObject(bucket, key);
  cluster.world.putObject(bucket, key, files.body[file]);
};

/**
 * Does one soak event to the cluster. Returns what was done when it differs from the event (a task to
 * stop that does not exist), for the log of events that led to a violation.
 */
export const applySoakEvent = (
  cluster: SimCluster,
  files: SoakFiles,
  event: SoakEvent,
): string | undefined => {
  const { world } = cluster;
  switch (event.type) {
    case 'deploy':
      world.deploy(event.service);
      return undefined;
    case 'stopTask': {
      const running = world.internals.ecs
        .tasks()
        .filter(
          (t) =>
            t.serviceName === event.service && t.desiredStatus === 'RUNNING' && t.lastStatus === 'RUNNING',
        );
      const task = running[Math.floor(event.pick * running.length)];
      if (task === undefined) return 'no running task to stop';
      world.stopTask(task.taskArn);
      return `stopped ${task.taskArn.slice(-8)} on ${task.instanceId}`;
    }
    case 'crashLoop':
      world.crashLoop(event.service, event.on);
      return undefined;
    case 'scale':
      world.scale(event.service, event.desiredCount);
      return undefined;
    case 'drain':
      world.drain(event.host);
      return undefined;
    case 'activate':
      world.activate(event.host);
      return undefined;
    case 'killAgent':
      if (!cluster.isRunning(event.agent)) return 'already dead';
      cluster.killAgent(event.agent);
      return undefined;
    case 'killOnNextDelete':
      return undefined; // armed by the runner, which watches the deletes
    case 'restartAgent':
      if (cluster.isRunning(event.agent)) cluster.restartAgent(event.agent);
      else cluster.startAgent(event.agent);
      return undefined;
    case 'fault':
      world.setFault(event.operation, event.fault);
      return undefined;
    case 'clearFault':
      world.setFault(event.operation, {});
      return undefined;
    case 'failCreateAfterDelete':
      world.failCreateAfterDelete(undefined, { times: event.times });
      return undefined;
    case 'badFile': {
      const { bucket, key } = bucketAndKey(files.url[event.file]);
      if (event.content === 'access-denied') world.denyObject(bucket, key);
      else world.putObject(bucket, key, badBodies[event.file][event.content]);
      return undefined;
    }
    case 'restoreFile':
      restoreFile(cluster, files, event.file);
      return undefined;
  }
};
