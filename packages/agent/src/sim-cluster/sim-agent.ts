import { createActuator, createFileSource, createObserver, type FileSource } from '@statika/aws';
import { needsChange } from '@statika/core';
import type { HarnessAgent, SimHost } from '@statika/harness';
import * as E from 'fp-ts/lib/Either.js';
import type { AgentDependencies, Logger } from '../agent-dependencies.js';
import type { AgentEvent } from '../agent-event.js';
import type { AgentStatus } from '../agent-status.js';
import { createAgent } from '../create-agent.js';
import type { Journal } from '../journal/journal.js';

export interface SimAgentOptions {
  /** The host's journal, kept across the agent's restarts as the disk keeps it. */
  readonly journal: Journal;
  readonly logger: Logger;
  readonly localWatchIntervalMs: number | undefined;
}

/** The journal as a killed process leaves it: whatever it held, and nothing written after. */
const guardJournal = (journal: Journal, io: SimHost['io']): Journal => ({
  entries: () => io(() => journal.entries()),
  record: (action) => io(() => journal.record(action)),
  clear: (action) => io(() => journal.clear(action)),
});

const fileSource = (url: string, host: SimHost): FileSource => {
  const source = createFileSource(url, host.clients);
  if (E.isLeft(source)) throw new Error(source.left.message);
  return source.right;
};

/** Statika's agent (`createAgent`, the real aws adapters) on one simulated host. */
export const startSimAgent = (
  host: SimHost,
  options: SimAgentOptions,
): HarnessAgent<AgentStatus, AgentEvent> => {
  const deps: AgentDependencies = {
    configurationSource: fileSource(host.urls.configuration, host),
    servicesSource: fileSource(host.urls.services, host),
    observer: createObserver(host.clients, { now: () => host.scheduler.now() }),
    actuator: createActuator(host.clients, {
      onPolicyRecordSkipped: (skipped) =>
        options.logger.warn(
          { loadBalancer: skipped.loadBalancerName, reason: skipped.reason },
          skipped.message,
        ),
    }),
    identity: host.identity,
    localTasks: host.localTasks,
    journal: guardJournal(options.journal, host.io),
    hostDriver: host.hostDriver,
    scheduler: host.scheduler,
    logger: options.logger,
    random: host.random,
    ...(options.localWatchIntervalMs === undefined
      ? {}
      : { localWatchIntervalMs: options.localWatchIntervalMs }),
  };
  const handle = createAgent(deps);
  return {
    events$: handle.events$,
    status: () => handle.status(),
    inSync: () => {
      const status = handle.status();
      return status.ready && status.services.every((service) => !needsChange(service));
    },
    stop: (stopOptions) => handle.stop(stopOptions),
  };
};
