import { request } from 'node:http';
import * as t from 'io-ts';

/** The label the ECS agent puts on every container it starts: the task definition's family. */
export const ECS_FAMILY_LABEL = 'com.amazonaws.ecs.task-definition-family';

/**
 * What changes a task's line in the ECS agent's `/v1/tasks`: a container starting (its host port is bound),
 * asked to stop (ECS sets the task's desired status to STOPPED before it stops it), stopping, exiting.
 */
const ACTIONS = ['start', 'kill', 'stop', 'die'] as const;

/** A Docker Engine event, only the fields Statika reads. */
const DockerEvent = t.partial({
  Type: t.string,
  Action: t.string,
  Actor: t.partial({ Attributes: t.record(t.string, t.string) }),
});

export type ContainerEvent =
  /** The stream is open: from now on every change of an ECS container of this host is told. */
  | { readonly type: 'connected' }
  /** A container of an ECS task of `family` started, was asked to stop, stopped or exited. */
  | { readonly type: 'changed'; readonly family: string; readonly action: string };

export interface ContainerEventsHandlers {
  readonly onEvent: (event: ContainerEvent) => void;
  /** The stream ended or never opened (no daemon, no permission, the daemon restarted); nothing follows. */
  readonly onEnd: (reason: string) => void;
}

/** `/events`, only ECS containers and only the actions above: the daemon filters, a steady host sends nothing. */
const eventsPath = (): string =>
  `/events?filters=${encodeURIComponent(
    JSON.stringify({ type: ['container'], event: ACTIONS, label: [ECS_FAMILY_LABEL] }),
  )}`;

/** One line of the stream as an event, or undefined for what is not a container change of an ECS task. */
const toContainerEvent = (line: string): ContainerEvent | undefined => {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const decoded = DockerEvent.decode(json);
  if (decoded._tag === 'Left' || decoded.right.Type !== 'container') return undefined;
  const family = decoded.right.Actor?.Attributes?.[ECS_FAMILY_LABEL];
  const action = decoded.right.Action;
  return family === undefined || action === undefined ? undefined : { type: 'changed', family, action };
};

/**
 * Follows the Docker Engine's event stream over its unix socket (`/var/run/docker.sock`): one long-lived
 * GET whose answer is a JSON object a line, one per event, for as long as the daemon runs. It costs nothing
 * while nothing happens, where polling the ECS agent costs a request a second. Events are only hints to
 * look again (the ECS agent's `/v1/tasks` stays the one source of what runs here), so a line that cannot be
 * read is skipped. Returns the function that closes the stream; `onEnd` is not called after it.
 */
export const watchContainerEvents = (socketPath: string, handlers: ContainerEventsHandlers): (() => void) => {
  let open = true;
  const end = (reason: string) => {
    if (!open) return;
    open = false;
    req.destroy();
    handlers.onEnd(reason);
  };
  const req = request({ socketPath, path: eventsPath(), method: 'GET', agent: false }, (response) => {
    if (response.statusCode !== 200) {
      end(`${socketPath} answered ${response.statusCode} to /events`);
      return;
    }
    handlers.onEvent({ type: 'connected' });
    let partial = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const event = open ? toContainerEvent(line) : undefined;
        if (event !== undefined) handlers.onEvent(event);
      }
    });
    response.on('end', () => end(`${socketPath}: the event stream ended`));
    response.on('error', (error) => end(`${socketPath}: ${error.message}`));
  });
  req.on('error', (error) => end(`${socketPath}: ${error.message}`));
  req.end();
  return () => {
    open = false;
    req.destroy();
  };
};
