import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClusterHarness, type ClusterHarnessOptions, createClusterHarness } from '@statika/harness';
import type { Logger } from '../agent-dependencies.js';
import type { AgentEvent } from '../agent-event.js';
import type { AgentStatus } from '../agent-status.js';
import { createFileJournal } from '../journal/file-journal.js';
import type { Journal } from '../journal/journal.js';
import { createMemoryJournal } from '../journal/memory-journal.js';
import { createLogger } from '../log/logger.js';
import { startSimAgent } from './sim-agent.js';

/** The cluster harness (`@statika/harness`) with Statika's agent on every host. */
export type SimCluster = ClusterHarness<AgentStatus, AgentEvent>;

export interface SimClusterOptions extends Omit<ClusterHarnessOptions, 'agent'> {
  /** `file` (default in real time: a directory per host under `stateDir`) or `memory` (default in virtual time). */
  readonly journal?: 'file' | 'memory';
  /** Parent of the per-host journal directories; default a new temporary directory. */
  readonly stateDir?: string;
  /** The agents' logger (each gets a child with its host); default silent. */
  readonly logger?: Logger;
  /** How often each agent polls its host's tasks; default 1000 ms. */
  readonly localWatchIntervalMs?: number;
}

/**
 * A simulated cluster with one real Statika agent per host, each with its own journal kept across its
 * restarts: what the demo, the end-to-end tests, the benchmarks and the soak run. Not part of the
 * package's API (the harness is not the product).
 */
export const createSimCluster = (options: SimClusterOptions): Promise<SimCluster> => {
  const { journal, stateDir, logger, localWatchIntervalMs, ...harness } = options;
  const journalKind = journal ?? (options.time === 'virtual' ? 'memory' : 'file');
  const journalDir =
    journalKind === 'file' ? (stateDir ?? mkdtempSync(join(tmpdir(), 'statika-harness-'))) : '';
  const journals = new Map<string, Journal>();
  const journalOf = (instanceId: string): Journal => {
    const existing = journals.get(instanceId);
    if (existing !== undefined) return existing;
    const created =
      journalKind === 'file' ? createFileJournal(join(journalDir, instanceId)) : createMemoryJournal();
    journals.set(instanceId, created);
    return created;
  };
  const agentsLogger = logger ?? createLogger('silent');
  return createClusterHarness({
    ...harness,
    agent: (host) =>
      startSimAgent(host, {
        journal: journalOf(host.instanceId),
        logger: agentsLogger.child({ host: host.instanceId }),
        localWatchIntervalMs,
      }),
  });
};
