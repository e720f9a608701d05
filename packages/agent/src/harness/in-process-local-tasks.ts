import type { AwsError, LocalTask } from '@statika/aws';
import { handleRequest, type World } from '@statika/sim';
import * as E from 'fp-ts/lib/Either.js';

/** The fields of the ECS agent's `/v1/tasks` answer the local watch reads. */
interface AgentTasksAnswer {
  readonly Tasks?: readonly {
    readonly Arn?: string;
    readonly Family?: string;
    readonly DesiredStatus?: string;
    readonly KnownStatus?: string;
    readonly Containers?: readonly {
      readonly Name?: string;
      readonly Ports?: readonly {
        readonly ContainerPort?: number;
        readonly HostPort?: number;
        readonly Protocol?: string;
      }[];
    }[];
  }[];
}

const failure = (instanceId: string, code: string, message: string): AwsError => ({
  _tag: 'AwsError',
  retryable: true,
  service: 'ecs-agent',
  operation: 'ListTasks',
  resource: instanceId,
  code,
  message,
});

/**
 * One host's tasks from the sim's ECS agent introspection API, served in-process (no socket), for
 * virtual time where `fetch` cannot be driven by the virtual clock. Same answer as `readLocalTasks`
 * gets over HTTP; a missing or zero `HostPort` means not bound yet.
 */
export const inProcessLocalTasks =
  (world: World, instanceId: string) => async (): Promise<E.Either<AwsError, readonly LocalTask[]>> => {
    const response = await handleRequest(
      world,
      { method: 'GET', path: '/v1/tasks', headers: {}, body: '' },
      { kind: 'host', instanceId },
    );
    if (response.status !== 200) return E.left(failure(instanceId, `HTTP${response.status}`, response.body));
    const answer = JSON.parse(response.body) as AgentTasksAnswer;
    return E.right(
      (answer.Tasks ?? []).map((task) => ({
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
                    ...(port.HostPort ? { hostPort: port.HostPort } : {}),
                  },
                ],
          ),
        })),
      })),
    );
  };
