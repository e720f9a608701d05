import type { Fault } from '@statika/sim';

/** A file the agents read, and how a bad version of it is bad. */
export type SoakFile = 'configuration' | 'services';
export type BadContent = 'invalid-json' | 'wrong-types' | 'access-denied';

/** One thing the soak does to the cluster. Services, hosts and agents are named as in the soak world. */
export type SoakEvent =
  | { readonly type: 'deploy'; readonly service: string }
  /** ECS stops a task of the service (scale-in, a replaced host, an operator) (`pick` in [0, 1) chooses which of its running tasks). */
  | { readonly type: 'stopTask'; readonly service: string; readonly pick: number }
  | { readonly type: 'crashLoop'; readonly service: string; readonly on: boolean }
  | { readonly type: 'scale'; readonly service: string; readonly desiredCount: number }
  | { readonly type: 'drain'; readonly host: string }
  | { readonly type: 'activate'; readonly host: string }
  /** SIGKILL of one agent. */
  | { readonly type: 'killAgent'; readonly agent: number }
  /** At the next listener delete anywhere, before its create: SIGKILL of the agents that may be replacing it. */
  | { readonly type: 'killOnNextDelete' }
  /** Starts the agent (again): a killed one comes back with its journal, a running one is killed first. */
  | { readonly type: 'restartAgent'; readonly agent: number }
  /** A throttling or error burst on one operation (or `*`, every AWS operation), until cleared. */
  | { readonly type: 'fault'; readonly operation: string; readonly fault: Fault }
  | { readonly type: 'clearFault'; readonly operation: string }
  /** The next listener create after a delete fails `times` times. */
  | { readonly type: 'failCreateAfterDelete'; readonly times: number }
  | { readonly type: 'badFile'; readonly file: SoakFile; readonly content: BadContent }
  | { readonly type: 'restoreFile'; readonly file: SoakFile };

export type SoakEventType = SoakEvent['type'];

/**
 * One step of a soak: an event `afterMs` of (virtual) time after the previous step, or a quiet period:
 * faults cleared, files restored, agents started, crash loops off, then the invariants are checked.
 */
export type SoakStep =
  | { readonly kind: 'event'; readonly index: number; readonly afterMs: number; readonly event: SoakEvent }
  | { readonly kind: 'quiet' };

/** Every AWS operation Statika calls, as the sim names them: each gets its share of bursts. */
export const FAULT_OPERATIONS = [
  '*',
  'GetObject',
  'ListTasks',
  'DescribeTasks',
  'DescribeContainerInstances',
  'ListContainerInstances',
  'DescribeLoadBalancers',
  'CreateLoadBalancerListeners',
  'DeleteLoadBalancerListeners',
  'ConfigureHealthCheck',
  'RegisterInstancesWithLoadBalancer',
  'DeregisterInstancesFromLoadBalancer',
  'SetLoadBalancerPoliciesOfListener',
  'SetLoadBalancerPoliciesForBackendServer',
] as const;

/** One line per event, as the soak prints the events that led to a violation. */
export const describeSoakEvent = (event: SoakEvent): string => {
  switch (event.type) {
    case 'deploy':
      return `deploy ${event.service}`;
    case 'stopTask':
      return `stop a task of ${event.service} (pick ${event.pick.toFixed(2)})`;
    case 'crashLoop':
      return `crash loop ${event.on ? 'on' : 'off'} for ${event.service}`;
    case 'scale':
      return `scale ${event.service} to ${event.desiredCount}`;
    case 'drain':
      return `drain ${event.host}`;
    case 'activate':
      return `activate ${event.host}`;
    case 'killAgent':
      return `kill agent ${event.agent}`;
    case 'killOnNextDelete':
      return 'kill the replacing agent between the next listener delete and create';
    case 'restartAgent':
      return `restart agent ${event.agent}`;
    case 'fault':
      return `fault on ${event.operation}: ${JSON.stringify(event.fault)}`;
    case 'clearFault':
      return `clear the fault on ${event.operation}`;
    case 'failCreateAfterDelete':
      return `fail the next listener create after a delete ${event.times} time(s)`;
    case 'badFile':
      return `bad ${event.file} file (${event.content})`;
    case 'restoreFile':
      return `restore the ${event.file} file`;
  }
};
