import { type Failure, type FailureSource, timedOut, unexpected } from '@statika/aws';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { catchError, defer, from, type Observable, of, type SchedulerLike, timeout } from 'rxjs';
import type { AgentDependencies } from '../agent-dependencies.js';
import { withJournal } from '../journal/journaled-actuator.js';
import { hostFailure, withForwardingRules } from './host-ports.js';
import type { Ports } from './ports.js';

/** How long a read may take before the agent stops waiting for it (the SDK's own timeouts come first). */
export const readTimeoutsMs = { file: 30_000, identity: 30_000, observe: 60_000, localTasks: 5_000 } as const;

/**
 * The edge between the Promise-based adapters and the streams: each call becomes a cold observable that
 * answers once, a rejection becomes an `unexpected` failure, and a read that hangs a `transient` `Timeout`.
 * Actions get no timeout: an action abandoned half-way could race the next reconcile's.
 */
export const toPorts = (deps: AgentDependencies): Ports => {
  const { scheduler } = deps;
  const actuator = withJournal(deps.actuator, deps.journal);
  const localTasks = deps.localTasks;
  const hostDriver = deps.hostDriver;
  return {
    configuration: {
      url: deps.configurationSource.url,
      read: () =>
        call(
          () => deps.configurationSource.read(),
          'file',
          'Read',
          deps.configurationSource.url,
          scheduler,
          readTimeoutsMs.file,
        ),
    },
    services: {
      url: deps.servicesSource.url,
      read: () =>
        call(
          () => deps.servicesSource.read(),
          'file',
          'Read',
          deps.servicesSource.url,
          scheduler,
          readTimeoutsMs.file,
        ),
    },
    identity: (cluster) =>
      call(
        () => deps.identity(cluster),
        'ecs-agent',
        'Identity',
        cluster,
        scheduler,
        readTimeoutsMs.identity,
      ),
    observe: (spec, identity) =>
      call(
        async () => withForwardingRules(spec, await deps.observer.observe(spec, identity), deps.hostDriver),
        'ecs',
        'Observe',
        spec.configuration.cluster,
        scheduler,
        readTimeoutsMs.observe,
      ),
    loadBalancers: (names) =>
      call(
        () => deps.observer.describeLoadBalancers(names),
        'elb',
        'DescribeLoadBalancers',
        names.join(','),
        scheduler,
        readTimeoutsMs.observe,
      ),
    describeTasks: (cluster, arns) =>
      call(
        () => deps.observer.describeTasks(cluster, arns),
        'ecs',
        'DescribeTasks',
        cluster,
        scheduler,
        readTimeoutsMs.observe,
      ),
    apply: (action) =>
      call(() => actuator.apply(action), 'elb', action.type, action.loadBalancerName, scheduler, undefined),
    journal: {
      entries: () => defer(() => from(deps.journal.entries())),
      clear: (action) => defer(() => from(deps.journal.clear(action))),
    },
    ...(hostDriver === undefined
      ? {}
      : {
          forwarding: {
            read: () =>
              call(
                async () => E.mapLeft(hostFailure)(await hostDriver.readRules()),
                'host',
                'ReadRules',
                undefined,
                scheduler,
                readTimeoutsMs.localTasks,
              ),
            // No timeout, as for actions: an abandoned swap could race the next one.
            replace: (rules) =>
              call(
                async () => E.mapLeft(hostFailure)(await hostDriver.replaceRules(rules)),
                'host',
                'ReplaceRules',
                undefined,
                scheduler,
                undefined,
              ),
          },
        }),
    localTasks:
      localTasks === undefined
        ? undefined
        : () => call(localTasks, 'ecs-agent', 'ListTasks', undefined, scheduler, readTimeoutsMs.localTasks),
  };
};

const call = <A>(
  run: () => Promise<Either<Failure, A>>,
  service: FailureSource,
  operation: string,
  resource: string | undefined,
  scheduler: SchedulerLike,
  timeoutMs: number | undefined,
): Observable<Either<Failure, A>> => {
  const answer$ = defer(() => from(run()));
  const bounded$ =
    timeoutMs === undefined
      ? answer$
      : answer$.pipe(
          timeout({
            first: timeoutMs,
            scheduler,
            with: () => of(E.left(timedOut({ service, operation, resource }, timeoutMs))),
          }),
        );
  return bounded$.pipe(
    catchError((e: unknown) => of(E.left(unexpected({ service, operation, resource }, e)))),
  );
};
