import type { SimLoadBalancer } from './load-balancer.js';
import type { SimHealthStatus } from './task.js';

/** What happened in the world, as the demo prints it and tests wait for it. `at` is the clock's time. */
export type SimEvent =
  | {
      readonly type: 'taskPending';
      readonly at: number;
      readonly taskArn: string;
      readonly family: string;
      readonly revision: number;
      readonly serviceName: string | undefined;
      readonly instanceId: string;
    }
  | {
      readonly type: 'taskRunning';
      readonly at: number;
      readonly taskArn: string;
      readonly serviceName: string | undefined;
      readonly instanceId: string;
      readonly hostPorts: readonly { containerName: string; containerPort: number; hostPort: number }[];
    }
  | {
      readonly type: 'taskHealth';
      readonly at: number;
      readonly taskArn: string;
      readonly serviceName: string | undefined;
      readonly healthStatus: SimHealthStatus;
    }
  | {
      readonly type: 'taskStopping';
      readonly at: number;
      readonly taskArn: string;
      readonly serviceName: string | undefined;
      readonly reason: string;
    }
  | {
      readonly type: 'taskStopped';
      readonly at: number;
      readonly taskArn: string;
      readonly serviceName: string | undefined;
      readonly reason: string;
    }
  | {
      readonly type: 'placementFailed';
      readonly at: number;
      readonly serviceName: string;
      readonly reason: string;
    }
  | {
      readonly type: 'deployment';
      readonly at: number;
      readonly serviceName: string;
      readonly revision: number;
    }
  | {
      readonly type: 'serviceScaled';
      readonly at: number;
      readonly serviceName: string;
      readonly desiredCount: number;
    }
  | { readonly type: 'crashLoop'; readonly at: number; readonly serviceName: string; readonly on: boolean }
  | { readonly type: 'hostStatus'; readonly at: number; readonly instanceId: string; readonly status: string }
  | {
      readonly type: 'loadBalancerChanged';
      readonly at: number;
      readonly loadBalancerName: string;
      readonly operation: string;
      readonly before: SimLoadBalancer;
      readonly after: SimLoadBalancer;
    }
  | {
      readonly type: 'instanceHealth';
      readonly at: number;
      readonly loadBalancerName: string;
      readonly instanceId: string;
      readonly state: 'InService' | 'OutOfService';
      readonly before: 'InService' | 'OutOfService' | undefined;
    }
  | {
      readonly type: 'fault';
      readonly at: number;
      readonly service: string;
      readonly operation: string;
      readonly code: string;
    };

export type SimEventListener = (event: SimEvent) => void;

const shortArn = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1, arn.lastIndexOf('/') + 9);
const of = (serviceName: string | undefined): string =>
  serviceName === undefined ? '' : ` (${serviceName})`;

const listenersText = (lb: SimLoadBalancer): string =>
  lb.listeners.map((l) => `${l.protocol}:${l.loadBalancerPort}->${l.instancePort}`).join(', ') || 'none';

const lbText = (lb: SimLoadBalancer): string =>
  `listeners ${listenersText(lb)}; health check ${lb.healthCheck.target}; instances ${lb.instances.join(', ') || 'none'}`;

/** One readable line per event, for the demo and the `statika-sim` log. */
export const describeEvent = (event: SimEvent): string => {
  switch (event.type) {
    case 'taskPending':
      return `task ${shortArn(event.taskArn)}${of(event.serviceName)} ${event.family}:${event.revision} PENDING on ${event.instanceId}`;
    case 'taskRunning':
      return `task ${shortArn(event.taskArn)}${of(event.serviceName)} RUNNING on ${event.instanceId}, host ports ${
        event.hostPorts.map((p) => `${p.containerName}:${p.containerPort}->${p.hostPort}`).join(', ') ||
        'none'
      }`;
    case 'taskHealth':
      return `task ${shortArn(event.taskArn)}${of(event.serviceName)} is ${event.healthStatus}`;
    case 'taskStopping':
      return `task ${shortArn(event.taskArn)}${of(event.serviceName)} stopping: ${event.reason}`;
    case 'taskStopped':
      return `task ${shortArn(event.taskArn)}${of(event.serviceName)} STOPPED: ${event.reason}`;
    case 'placementFailed':
      return `service ${event.serviceName}: cannot place a task: ${event.reason}`;
    case 'deployment':
      return `service ${event.serviceName}: deploying revision ${event.revision}`;
    case 'serviceScaled':
      return `service ${event.serviceName}: desired count ${event.desiredCount}`;
    case 'crashLoop':
      return `service ${event.serviceName}: crash loop ${event.on ? 'on' : 'off'}`;
    case 'hostStatus':
      return `host ${event.instanceId} is ${event.status}`;
    case 'loadBalancerChanged':
      return `load balancer ${event.loadBalancerName} ${event.operation}: ${lbText(event.before)} => ${lbText(event.after)}`;
    case 'instanceHealth':
      return `load balancer ${event.loadBalancerName}: ${event.instanceId} ${event.before ?? 'new'} -> ${event.state}`;
    case 'fault':
      return `fault injected: ${event.service} ${event.operation} answered ${event.code}`;
  }
};

/** An event before the world stamps it with the time. */
export type UnstampedEvent = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, 'at'> : never) : never;
export type Emit = (event: UnstampedEvent) => void;
