import type { WorldSnapshot } from './world.js';

const shortId = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1, arn.lastIndexOf('/') + 9);

/** The world at a glance, one line per host, task and load balancer: what `statika-sim` prints at start. */
export const describeWorld = (snapshot: WorldSnapshot): string[] => [
  `cluster ${snapshot.cluster} (${snapshot.region})`,
  ...snapshot.hosts.map((h) => `host ${h.instanceId} ${h.status} (${h.containerInstanceArn})`),
  ...snapshot.tasks
    .filter((t) => t.lastStatus !== 'STOPPED')
    .map(
      (t) =>
        `task ${shortId(t.taskArn)} ${t.serviceName === undefined ? '' : `(${t.serviceName}) `}${t.family}:${t.revision} ${
          t.lastStatus
        } ${t.healthStatus} on ${t.instanceId}, host ports ${
          t.containers
            .flatMap((c) => c.networkBindings.map((b) => `${c.name}:${b.containerPort}->${b.hostPort}`))
            .join(', ') || 'none'
        }`,
    ),
  ...snapshot.loadBalancers.map(
    (lb) =>
      `load balancer ${lb.name}: listeners ${
        lb.listeners.map((l) => `${l.protocol}:${l.loadBalancerPort}->${l.instancePort}`).join(', ') || 'none'
      }; health check ${lb.healthCheck.target}; instances ${
        (snapshot.instanceHealth[lb.name] ?? []).map((h) => `${h.instanceId} ${h.state}`).join(', ') || 'none'
      }`,
  ),
  ...snapshot.objects.map((o) => `object s3://${o.bucket}/${o.key} ${o.etag}`),
];
