// The agent as a library: what a Node service needs to run Statika's controller inside itself
// (docs/embedding.md lists every name). The command, the pipeline's stages and the simulated cluster
// (`src/sim-cluster`, on `@statika/harness`) are not part of it.

// The controller and what it is given.
export type { AgentDependencies, Logger } from './agent-dependencies.js';
export type { AgentEvent, ReconcileTrigger } from './agent-event.js';
export type { ActionResult, AgentStatus, FileReport, ServiceReport } from './agent-status.js';
export { type AgentHandle, createAgent } from './create-agent.js';
// What `statika run` adds around the controller, for a service that wants the same: logs, metrics, endpoints.
export { type HttpServerOptions, type RunningHttpServer, startHttpServer } from './http/http-server.js';
export { defaultStateDir } from './journal/default-state-dir.js';
export { type CorruptJournalFile, createFileJournal } from './journal/file-journal.js';
export type { Journal } from './journal/journal.js';
export { createMemoryJournal } from './journal/memory-journal.js';
export { logAgentEvent } from './log/log-agent-event.js';
export { type AgentMetrics, createAgentMetrics } from './metrics/agent-metrics.js';
// One pass, as `statika plan` and `statika run --once` run it.
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
