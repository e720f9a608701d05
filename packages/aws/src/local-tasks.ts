import * as E from 'fp-ts/lib/Either.js';
import type { AwsError } from './aws-error.js';
import type { LocalTask } from './contract.js';
import { type AgentTask, AgentTasks, getAgentJson } from './ecs-agent-api.js';

const DEFAULT_TIMEOUT_MS = 1000;

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
 * This host's tasks from the ECS agent's introspection API (`/v1/tasks`): no AWS call, so the agent can
 * poll it often as a cheap change detector.
 */
export const readLocalTasks = async (
  ecsAgentUrl: string,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<E.Either<AwsError, LocalTask[]>> => {
  const answer = await getAgentJson(ecsAgentUrl, '/v1/tasks', AgentTasks, timeoutMs);
  return E.isLeft(answer) ? answer : E.right((answer.right.Tasks ?? []).map(toLocalTask));
};
