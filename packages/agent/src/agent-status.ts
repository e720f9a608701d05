import type { Failure } from '@statika/aws';
import type { Action, ServiceStatus } from '@statika/core';

/** What `/status` shows for one service: the core's status plus what the shell knows (last action, last error, since when). */
export interface ServiceReport extends ServiceStatus {
  /** Epoch ms since which the service has been in its current state. */
  readonly since: number;
  readonly lastAction:
    | { readonly action: Action; readonly result: ActionResult; readonly at: number }
    | undefined;
  readonly lastError: { readonly error: Failure; readonly at: number } | undefined;
}

export type ActionResult = 'applied' | 'restored' | 'conflict' | 'failed' | 'dry-run';

/** The agent's state as a whole, published after every reconcile and every file reload. */
export interface AgentStatus {
  /** Epoch ms (scheduler time) of the last tick of the loop, for `/healthz`. */
  readonly lastTickAt: number | undefined;
  /** The resync interval in ms in force (from `sleepTimeSeconds`), for `/healthz`'s "three intervals". */
  readonly resyncIntervalMs: number | undefined;
  /** A good configuration is loaded and the last observation succeeded: `/readyz`. */
  readonly ready: boolean;
  readonly identity:
    | { readonly instanceId: string; readonly containerInstanceArn: string; readonly source: string }
    | undefined;
  readonly files: readonly FileReport[];
  readonly lastObservation: { readonly at: number; readonly error: Failure | undefined } | undefined;
  readonly services: readonly ServiceReport[];
}

export interface FileReport {
  readonly url: string;
  /** Epoch ms of the last good load. */
  readonly loadedAt: number | undefined;
  /** Why the last read was refused (decode problems, formatted, or the read error); the last good file stays in force. */
  readonly error: string | undefined;
}
