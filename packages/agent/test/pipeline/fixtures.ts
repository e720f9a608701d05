import {
  type ActionOutcome,
  type Failure,
  type FileRead,
  type Identity,
  type LocalTask,
  terminal,
  transient,
} from '@statika/aws';
import {
  type Action,
  applyAction,
  containerInstanceArn,
  instanceId,
  type LoadBalancer,
  loadBalancerName,
  type Observation,
  type Task,
  taskArn,
} from '@statika/core';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { defer, map, NEVER, type Observable, of, type SchedulerLike, timer } from 'rxjs';
import type { PipelineDependencies } from '../../src/pipeline/pipeline-dependencies.js';
import type { Ports } from '../../src/pipeline/ports.js';

/** Test fixtures: a host running `web` and `api`, whose load balancers still point at old ports. */

export const identity: Identity = {
  instanceId: instanceId('i-1'),
  containerInstanceArn: containerInstanceArn('arn:aws:ecs:eu-west-1:1:container-instance/c/1'),
  cluster: 'c',
  source: 'override',
};

export const configurationText = (sleepTimeSeconds = 1, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ cluster: 'c', sleepTimeSeconds, settleTimeSeconds: 0, ...extra });

export const servicesText = JSON.stringify([
  { serviceName: 'web', family: 'web', exposedContainerName: 'app', loadBalancerName: 'web-lb' },
  { serviceName: 'api', family: 'api', exposedContainerName: 'app', loadBalancerName: 'api-lb' },
]);

export const task = (family: string, hostPort: number, onThisHost = true): Task => ({
  taskArn: taskArn(`arn:aws:ecs:eu-west-1:1:task/c/${family}-${hostPort}`),
  family,
  containerInstanceArn: onThisHost ? identity.containerInstanceArn : containerInstanceArn('arn:other'),
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
  healthStatus: 'UNKNOWN',
  containers: [{ name: 'app', networkBindings: [{ containerPort: 8080, hostPort, protocol: 'tcp' }] }],
  instanceId: onThisHost ? identity.instanceId : instanceId('i-2'),
  startedAt: 0,
});

export const loadBalancer = (name: string, instancePort: number, registered = true): LoadBalancer => ({
  name: loadBalancerName(name),
  listeners: [{ protocol: 'HTTP', loadBalancerPort: 80, instancePort, policyNames: [] }],
  backendServers: [],
  healthCheck: {
    target: `TCP:${instancePort}`,
    interval: 10,
    timeout: 5,
    unhealthyThreshold: 2,
    healthyThreshold: 2,
  },
  instances: registered ? [identity.instanceId] : [],
});

/** `web` and `api` serve here on new ports; both load balancers still point at 31000. */
export const staleObservation = (): Observation => ({
  host: {
    instanceId: identity.instanceId,
    containerInstanceArn: identity.containerInstanceArn,
    status: 'ACTIVE',
  },
  tasks: [task('web', 32768), task('api', 32769)],
  loadBalancers: [loadBalancer('web-lb', 31000), loadBalancer('api-lb', 31000)],
});

/** A failure with AWS's `code`: transient when retrying can help, terminal when it cannot. */
export const awsError = (code: string, retryable: boolean, resource?: string): Failure =>
  (retryable ? transient : terminal)({
    service: 'elb',
    operation: 'Test',
    resource,
    code,
    message: `${code} in a test`,
  });

export const fileRead = (text: string): Either<Failure, FileRead> =>
  E.right({ changed: true, text, version: undefined });

/**
 * A fake AWS that keeps an observation and applies actions to it with core's model, so that reconciles
 * converge as they would against the real thing. Every answer is an observable on the test clock:
 * `latency` delays it, `failApply` and `failObserve` script errors.
 */
export interface FakeWorld {
  observation: Observation;
  configuration: Either<Failure, FileRead>;
  services: Either<Failure, FileRead>;
  identity: Either<Failure, Identity>;
  failObserve: (() => Failure | undefined) | undefined;
  failApply: ((action: Action) => Failure | undefined) | undefined;
  applyLatencyMs: (action: Action) => number;
  observeLatencyMs: number;
  readonly calls: string[];
}

export const fakeWorld = (overrides: Partial<FakeWorld> = {}): FakeWorld => ({
  observation: staleObservation(),
  configuration: fileRead(configurationText()),
  services: fileRead(servicesText),
  identity: E.right(identity),
  failObserve: undefined,
  failApply: undefined,
  applyLatencyMs: () => 0,
  observeLatencyMs: 0,
  calls: [],
  ...overrides,
});

const after = <A>(ms: number, value: () => A): Observable<A> =>
  ms === 0 ? defer(() => of(value())) : timer(ms).pipe(map(() => value()));

export const describeCall = (action: Action): string => `${action.type} ${action.loadBalancerName}`;

export const fakePorts = (world: FakeWorld, overrides: Partial<Ports> = {}): Ports => ({
  configuration: { url: 'configuration.json', read: () => defer(() => of(world.configuration)) },
  services: { url: 'services.json', read: () => defer(() => of(world.services)) },
  identity: () => defer(() => of(world.identity)),
  observe: () =>
    after(world.observeLatencyMs, () => {
      world.calls.push('observe');
      const error = world.failObserve?.();
      return error === undefined ? E.right(world.observation) : E.left(error);
    }),
  loadBalancers: (names) =>
    after(world.observeLatencyMs, () => {
      world.calls.push('describeLoadBalancers');
      const error = world.failObserve?.();
      if (error !== undefined) return E.left(error);
      const loadBalancers = world.observation.loadBalancers.filter((lb) => names.includes(lb.name));
      const missing = names.filter((name) => !loadBalancers.some((lb) => lb.name === name));
      return E.right({ loadBalancers, missing });
    }),
  describeTasks: (_cluster, arns) =>
    after(world.observeLatencyMs, () => {
      world.calls.push('describeTasks');
      const error = world.failObserve?.();
      if (error !== undefined) return E.left(error);
      return E.right(world.observation.tasks.filter((task) => arns.includes(task.taskArn)));
    }),
  apply: (action) =>
    after(world.applyLatencyMs(action), (): Either<Failure, ActionOutcome> => {
      world.calls.push(describeCall(action));
      const error = world.failApply?.(action);
      if (error !== undefined) return E.left(error);
      world.observation = applyAction(world.observation, action);
      return E.right({ type: 'applied' });
    }),
  journal: { entries: () => of([]), clear: () => of(undefined) },
  localTasks: undefined,
  ...overrides,
});

/** The pipeline's dependencies on the given ports and clock: no jitter to speak of, and no stop. */
export const testDependencies = (
  ports: Ports,
  scheduler: SchedulerLike,
  overrides: Partial<PipelineDependencies> = {},
): PipelineDependencies => ({
  ports,
  scheduler,
  random: () => 0.5,
  backoff: { initialMs: 1000, maxMs: 300_000 },
  dryRun: false,
  localWatchIntervalMs: 1000,
  stop$: NEVER,
  ...overrides,
});

/** A task of this host as the ECS agent's introspection API reports it. */
export const localTask = (family: string, hostPort: number, knownStatus = 'RUNNING'): LocalTask => ({
  arn: `arn:task/${family}-${hostPort}`,
  family,
  desiredStatus: 'RUNNING',
  knownStatus,
  containers: [{ name: 'app', ports: [{ containerPort: 8080, hostPort, protocol: 'tcp' }] }],
});
