import * as t from 'io-ts';
import { InstanceId, TaskArn } from './ids.js';

/**
 * Why a service is in its state, as data: `/status` shows it as it is and in words (`describeServiceStatus`),
 * logs and `statika plan` in words, metrics by its `type`. What the status already holds (the serving task
 * and its port, the load balancer) is not repeated here.
 */
export const ServiceReason = t.union([
  /** The configured load balancer does not exist. */
  t.readonly(t.type({ type: t.literal('load-balancer-missing') })),
  /** This host's container instance is DRAINING: it leaves (or stays out of) the load balancer. */
  t.readonly(t.type({ type: t.literal('draining') })),
  /** `single` policy: not exactly one running task of the service on this host. */
  t.readonly(t.type({ type: t.literal('single-needs-one-task'), running: t.number })),
  /** `single` policy: the one task on this host has no port binding to serve on. */
  t.readonly(t.type({ type: t.literal('no-usable-binding'), taskArn: TaskArn })),
  /** No candidate task anywhere: this host is out of the load balancer, listeners are left as they are. */
  t.readonly(t.type({ type: t.literal('no-candidate') })),
  /** The serving task is on this host. */
  t.readonly(t.type({ type: t.literal('serves-here') })),
  /** The serving task is on another host: this one stays out of the load balancer. */
  t.readonly(t.type({ type: t.literal('served-elsewhere') })),
  /**
   * The serving task is on another host, and `peerTaskArn` here is bound to the same port (static
   * ports): this host serves too once `joined`, or joins once that task is ready.
   */
  t.readonly(t.type({ type: t.literal('static-port-peer'), peerTaskArn: TaskArn, joined: t.boolean })),
  /**
   * The serving host's task `taskArn` is starting while another host has one that can take traffic: no
   * host moves the service until that task can take traffic or `until` (epoch ms) has passed, since a move
   * between hosts costs HealthyThreshold x Interval (see serving-host-hold.ts).
   */
  t.readonly(
    t.type({ type: t.literal('holding'), taskArn: TaskArn, instanceId: InstanceId, until: t.number }),
  ),
  /**
   * Node-port mode: how this host stands behind `nodePort`: no candidate here, one that cannot take
   * traffic yet, forwarding to the serving task, or waiting for the listeners to reach the node port.
   */
  t.readonly(
    t.type({
      type: t.literal('node-port'),
      nodePort: t.number,
      here: t.keyof({
        'no-candidate': null,
        'not-ready': null,
        forwarding: null,
        'awaiting-listeners': null,
      }),
    }),
  ),
]);
export type ServiceReason = t.TypeOf<typeof ServiceReason>;

/** What the plan found and did not touch, beside the reason. */
export const LeftAlone = t.union([
  /** The health check's target cannot be read, so it is not retargeted. */
  t.readonly(t.type({ type: t.literal('unreadable-health-check'), target: t.string })),
  /** Configured listener ports the load balancer has no listener on. */
  t.readonly(t.type({ type: t.literal('absent-listeners'), ports: t.readonlyArray(t.number) })),
]);
export type LeftAlone = t.TypeOf<typeof LeftAlone>;
