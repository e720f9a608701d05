import { isRetryable } from '@statika/aws';
import type { SimEvent } from '@statika/sim';
import { absurd } from 'fp-ts/lib/function.js';
import type { AgentEvent } from '../agent-event.js';
import type { ProbeTarget } from './traffic-probe.js';

/**
 * The demo's lines: one per thing worth seeing, `  12.3s  web-elb   listener 80 → 32769 (was 32000)`.
 * Pure functions of the events, so the wording is tested without running anything.
 */

const SUBJECT_WIDTH = 9;

export const demoLine = (elapsedMs: number, subject: string, text: string): string =>
  `${`${(elapsedMs / 1000).toFixed(1)}s`.padStart(7)}  ${subject.padEnd(SUBJECT_WIDTH)} ${text}`;

const shortTask = (arn: string): string =>
  `task ${arn.slice(arn.lastIndexOf('/') + 1, arn.lastIndexOf('/') + 9)}`;

/** What ECS and the load balancers do on their own, as the demo tells it; undefined for what it leaves out. */
export const narrateSimEvent = (event: SimEvent): { subject: string; text: string } | undefined => {
  const subject = 'serviceName' in event && event.serviceName !== undefined ? event.serviceName : 'ecs';
  switch (event.type) {
    case 'taskRunning': {
      const ports = event.hostPorts.map((p) => p.hostPort).join(', ');
      return {
        subject,
        text: `${shortTask(event.taskArn)} running on ${event.instanceId}, host port ${ports || 'none'}`,
      };
    }
    case 'taskHealth':
      return event.healthStatus === 'UNKNOWN'
        ? undefined
        : { subject, text: `${shortTask(event.taskArn)} is ${event.healthStatus.toLowerCase()}` };
    case 'taskStopping':
      return { subject, text: `${shortTask(event.taskArn)} stopping (ECS set desiredStatus STOPPED)` };
    case 'taskStopped':
      return { subject, text: `${shortTask(event.taskArn)} stopped` };
    case 'deployment':
      return { subject, text: `rolling deploy of revision ${event.revision} started` };
    case 'serviceScaled':
      return { subject, text: `desired count set to ${event.desiredCount}` };
    case 'hostStatus':
      return { subject: 'ecs', text: `${event.instanceId} is ${event.status}` };
    case 'instanceHealth':
      // A newly registered instance starts OutOfService: the registration line says enough.
      return event.before === undefined
        ? undefined
        : { subject: event.loadBalancerName, text: `${event.instanceId} is ${event.state}` };
    case 'taskPending':
    case 'placementFailed':
    case 'crashLoop':
    case 'loadBalancerChanged':
    case 'fault':
      return undefined;
    default:
      return absurd(event);
  }
};

/** What Statika does, as the demo tells it: each load balancer change, and what went wrong. */
export const narrateAgentEvent = (event: AgentEvent): readonly { subject: string; text: string }[] => {
  switch (event.type) {
    case 'action': {
      const { action } = event;
      const subject = action.loadBalancerName;
      const outcome =
        event.result === 'applied'
          ? ''
          : ` (${event.result}${event.error === undefined ? '' : `: ${event.error.code}`})`;
      switch (action.type) {
        case 'register':
          return [{ subject, text: `instance ${action.instanceId} registered${outcome}` }];
        case 'deregister':
          return [{ subject, text: `instance ${action.instanceId} deregistered${outcome}` }];
        case 'configureHealthCheck':
          return [
            { subject, text: `health check ${action.after.target} (was ${action.before.target})${outcome}` },
          ];
        case 'setBackendServerPolicies':
          return [
            {
              subject,
              text: `backend policies on port ${action.instancePort}: ${action.policyNames.join(', ') || 'none'}${outcome}`,
            },
          ];
        case 'replaceListeners':
          return action.create.map((listener) => {
            const old = action.remove.find((l) => l.loadBalancerPort === listener.loadBalancerPort);
            const was = old === undefined ? '' : ` (was ${old.instancePort})`;
            return {
              subject,
              text: `listener ${listener.loadBalancerPort} → ${listener.instancePort}${was}${outcome}`,
            };
          });
        default:
          return absurd(action);
      }
    }
    case 'observe-error':
      return [
        {
          subject: 'statika',
          text: `${event.error.operation} answered ${event.error.code}: ${isRetryable(event.error) ? 'backing off, will retry' : 'will retry at the next resync'}`,
        },
      ];
    case 'file':
      return event.result === 'loaded'
        ? [{ subject: 'statika', text: `read ${event.url}` }]
        : event.result === 'invalid' || event.result === 'error'
          ? [{ subject: 'statika', text: `${event.url} refused: ${event.message ?? 'unknown error'}` }]
          : [];
    case 'journal-recovered':
      return [
        {
          subject: 'statika',
          text: `finished an interrupted listener replacement on ${event.loadBalancerName}`,
        },
      ];
    case 'forwarding':
      return [
        {
          subject: 'statika',
          text: `${event.result === 'failed' ? 'FAILED to swap' : 'swapped'} this host's forwarding: ${event.after.map((r) => `node port ${r.nodePort} -> ${r.hostPort}`).join(', ') || 'none'} (no AWS call)`,
        },
      ];
    case 'reconcile':
      return [];
    default:
      return absurd(event);
  }
};

/** The probe's view: traffic starting or stopping to flow through a load balancer port. */
export const narrateTraffic = (target: ProbeTarget, ok: boolean, instancePort: number | undefined): string =>
  ok
    ? `traffic on ${target.loadBalancerName}:${target.loadBalancerPort} flows (to host port ${instancePort ?? '?'})`
    : `traffic on ${target.loadBalancerName}:${target.loadBalancerPort} FAILS`;
