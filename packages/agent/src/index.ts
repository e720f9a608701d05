// The agent as a library: what a Node service needs to run Statika's controller inside itself, the one
// pass of `statika plan` and `statika run --once`, and what `statika run` adds around the controller
// (logs, metrics, endpoints). docs/embedding.md lists every name. Each is exported by name, so that
// nothing else leaks out: not the command, not the pipeline's stages, not the simulated cluster
// (`src/sim-cluster`, on `@statika/harness`).
export type { AgentDependencies, Logger } from './agent-dependencies.js';
export type { AgentEvent, NextAttempt, ReconcileTrigger } from './agent-event.js';
export type { ActionResult, AgentStatus, FileReport, ServiceReport } from './agent-status.js';
export { type AgentHandle, createAgent } from './create-agent.js';
export { type HttpServerOptions, type RunningHttpServer, startHttpServer } from './http/http-server.js';
export { defaultStateDir } from './journal/default-state-dir.js';
export { type CorruptJournalFile, createFileJournal } from './journal/file-journal.js';
export type { Journal } from './journal/journal.js';
export { createMemoryJournal } from './journal/memory-journal.js';
export { logAgentEvent } from './log/log-agent-event.js';
export { type AgentMetrics, createAgentMetrics } from './metrics/agent-metrics.js';
export {
  type LoadedSpec,
  loadSpec,
  type OnceExitCode,
  type OnceResult,
  observeAndPlan,
  runOnce,
  type SpecSources,
} from './one-shot.js';
export { type BackoffPolicy, defaultBackoffPolicy } from './pipeline/backoff.js';
export { describeReconcileFailure, type ReconcileFailure } from './reconcile-failure.js';
