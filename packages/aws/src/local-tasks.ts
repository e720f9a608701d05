import * as E from 'fp-ts/lib/Either.js';
import { attempt } from './classify-failure.js';
import type { LocalTask } from './contract.js';
import { type AgentTask, AgentTasks, decodeAnswer } from './ecs-agent-api.js';
import { type Failure, malformed } from './failure.js';
import { httpGet } from './http-get.js';

const DEFAULT_TIMEOUT_MS = 1000;
const TASKS_PATH = '/v1/tasks';

const toLocalTask = (task: AgentTask): LocalTask => ({
  arn: task.Arn ?? '',
  family: task.Family ?? '',
  desiredStatus: task.DesiredStatus ?? '',
  knownStatus: task.KnownStatus ?? '',
  containers: (task.Containers ?? []).map((container) => ({
    name: container.Name ?? '',
    ports: (container.Ports ?? []).flatMap((port) =>
      port.ContainerPort === undefined
        ? []
        : [
            {
              containerPort: port.ContainerPort,
              protocol: port.Protocol ?? 'tcp',
              // A missing or zero HostPort means not bound yet: absent.
              ...(port.HostPort ? { hostPort: port.HostPort } : {}),
            },
          ],
    ),
  })),
});

/**
 * The body of a `/v1/tasks` answer as this host's tasks (the sim's in-process harness reads the same
 * answer without a socket). `resource` names where it came from, for the error.
 */
export const parseLocalTasks = (text: string, resource: string): E.Either<Failure, readonly LocalTask[]> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return E.left(
      malformed(
        { service: 'ecs-agent', operation: TASKS_PATH, resource },
        `unexpected answer from ${resource}: not JSON`,
      ),
    );
  }
  const decoded = decodeAnswer(AgentTasks, json, 'ecs-agent', TASKS_PATH, resource);
  return E.isLeft(decoded) ? decoded : E.right((decoded.right.Tasks ?? []).map(toLocalTask));
};

/**
 * The body of a 2xx answer of the introspection API (plain HTTP, one kept-alive connection: a new TCP
 * connection for every poll was most of the agent's idle CPU time). `timeoutMs` bounds the whole request,
 * so an unreachable or silent agent costs about `timeoutMs`.
 */
const getBody = async (url: string, timeoutMs: number): Promise<Buffer> => {
  const answer = await httpGet(url, { timeoutMs });
  if (answer.status < 200 || answer.status >= 300 || answer.body === undefined)
    throw Object.assign(new Error(`${url} answered ${answer.status}`), {
      $metadata: { httpStatusCode: answer.status },
    });
  return answer.body;
};

export type LocalTasksReader = () => Promise<E.Either<Failure, readonly LocalTask[]>>;

/**
 * Reads this host's tasks from the ECS agent's introspection API (`/v1/tasks`): no AWS call, so the agent
 * can poll it often as a cheap change detector. It remembers the last answer: a body byte-for-byte equal
 * to the previous one (a steady host, nearly every poll) returns the same list without parsing it again.
 */
export const localTasksReader = (
  ecsAgentUrl: string,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): LocalTasksReader => {
  // Keeps a base path (`http://127.0.0.1:9000/agent`), which `new URL(path, base)` would drop.
  const url = `${ecsAgentUrl.replace(/\/+$/, '')}${TASKS_PATH}`;
  let last: { readonly body: Buffer; readonly tasks: readonly LocalTask[] } | undefined;
  return async () => {
    const body = await attempt('ecs-agent', TASKS_PATH, url, () => getBody(url, timeoutMs));
    if (E.isLeft(body)) return body;
    if (last?.body.equals(body.right)) return E.right(last.tasks);
    const tasks = parseLocalTasks(body.right.toString('utf8'), url);
    if (E.isLeft(tasks)) return tasks;
    last = { body: body.right, tasks: tasks.right };
    return tasks;
  };
};

/** One read of this host's tasks (no memory of earlier answers); see `localTasksReader`. */
export const readLocalTasks = (
  ecsAgentUrl: string,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<E.Either<Failure, readonly LocalTask[]>> => localTasksReader(ecsAgentUrl, timeoutMs)();
