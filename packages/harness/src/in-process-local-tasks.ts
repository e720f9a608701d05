import { type Failure, type LocalTask, parseLocalTasks, transient } from '@statika/aws';
import { handleRequest, type World } from '@statika/sim';
import * as E from 'fp-ts/lib/Either.js';

const failure = (instanceId: string, code: string, message: string): Failure =>
  transient({ service: 'ecs-agent', operation: 'ListTasks', resource: instanceId, code, message });

/**
 * One host's tasks from the sim's ECS agent introspection API, served in-process (no socket), for
 * virtual time where a socket cannot be driven by the virtual clock. Same answer as `localTasksReader`
 * gets over HTTP, read by the same parser, and remembered the same way: a body equal to the previous one
 * returns the same list without parsing it again (the local watch then skips its fingerprint).
 */
export const inProcessLocalTasks = (
  world: World,
  instanceId: string,
): (() => Promise<E.Either<Failure, readonly LocalTask[]>>) => {
  let last: { readonly body: string; readonly tasks: readonly LocalTask[] } | undefined;
  return async () => {
    const response = await handleRequest(
      world,
      { method: 'GET', path: '/v1/tasks', headers: {}, body: '' },
      { kind: 'host', instanceId },
    );
    if (response.status !== 200) return E.left(failure(instanceId, `HTTP${response.status}`, response.body));
    if (last?.body === response.body) return E.right(last.tasks);
    const tasks = parseLocalTasks(response.body, instanceId);
    if (E.isRight(tasks)) last = { body: response.body, tasks: tasks.right };
    return tasks;
  };
};
