import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import { describeHealthCheckTargetError, parseHealthCheckTarget } from './health-check-target.js';
import type { LeftAlone } from './service-reason.js';
import type { ServiceStatus } from './service-status.js';

/** Why a service is in its state, in plain words: the one wording of `/status`, logs and `statika plan`. */
export const describeServiceStatus = (status: ServiceStatus): string =>
  [describeReason(status), ...status.leftAlone.map(describeLeftAlone)].join('; ');

const describeReason = ({ reason, state, serving, loadBalancerName }: ServiceStatus): string => {
  const task = serving?.taskArn ?? 'none';
  const where = `task ${task} serves on ${serving?.instanceId ?? 'another host'}`;
  switch (reason.type) {
    case 'load-balancer-missing':
      return `load balancer ${loadBalancerName} does not exist`;
    case 'draining':
      return `this container instance is DRAINING: ${state === 'converging' ? 'deregistering it' : 'it stays out of the load balancer'}`;
    case 'single-needs-one-task':
      return `${reason.running} running tasks on this host; policy single needs exactly 1`;
    case 'no-usable-binding':
      return `the only task on this host, ${reason.taskArn}, has no usable port binding`;
    case 'no-candidate':
      return 'no candidate task anywhere: this host is out of the load balancer, listeners are left as they are';
    case 'serves-here': {
      const here = `task ${task} serves on this host, port ${serving?.hostPort}`;
      return state === 'converging' ? `${here}: moving the load balancer to it` : here;
    }
    case 'served-elsewhere':
      return `${where}: this host stays out of the load balancer`;
    case 'static-port-peer': {
      const peer = `${where}; task ${reason.peerTaskArn} here uses the same port ${serving?.hostPort}`;
      return reason.joined
        ? `${peer}, so this host serves too`
        : `${peer}: this host joins once that task is ready and joining changes nothing else`;
    }
    case 'holding':
      return `task ${reason.taskArn} on the serving host ${reason.instanceId} is starting: no host moves the service until it can take traffic or until ${new Date(reason.until).toISOString()}`;
    case 'node-port':
      return describeNodePort(reason.nodePort, reason.here, serving);
    default:
      return absurd(reason);
  }
};

const describeNodePort = (
  nodePort: number,
  here: Extract<ServiceStatus['reason'], { type: 'node-port' }>['here'],
  serving: ServiceStatus['serving'],
): string => {
  const forwards = `node port ${nodePort} forwards to task ${serving?.taskArn} on port ${serving?.hostPort}`;
  switch (here) {
    case 'no-candidate':
      return `node port ${nodePort}: no candidate on this host; out of the load balancer`;
    case 'not-ready':
      return `node port ${nodePort}: task ${serving?.taskArn} here cannot take traffic yet; out of the load balancer`;
    case 'forwarding':
      return forwards;
    case 'awaiting-listeners':
      return `${forwards}; waiting for the listeners to forward to ${nodePort} before registering`;
    default:
      return absurd(here);
  }
};

const describeLeftAlone = (left: LeftAlone): string => {
  switch (left.type) {
    case 'unreadable-health-check': {
      const parsed = parseHealthCheckTarget(left.target);
      const why = E.isLeft(parsed)
        ? describeHealthCheckTargetError(parsed.left)
        : `health check target "${left.target}"`;
      return `${why}; health check left alone`;
    }
    case 'absent-listeners':
      return `the load balancer has no listener on port ${left.ports.join(', ')}; left alone`;
    default:
      return absurd(left);
  }
};
