import type { Logger } from 'pino';

/** The last resort: ECS and systemd send SIGKILL 10 s after SIGTERM by default, so give up just before. */
const hardStopMs = 9_000;

/**
 * Resolves once the agent has stopped after SIGTERM or SIGINT: `stop` lets the action in flight finish
 * (and deregisters when so configured). If it has not finished after 9 s, resolves anyway, loudly, so
 * the process still exits 0 on its own terms rather than being killed mid-write.
 */
export const waitForStopSignal = (logger: Logger, stop: () => Promise<void>): Promise<void> =>
  new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      logger.info({ signal }, `${signal} received: stopping after the action in flight`);
      const hardStop = setTimeout(() => {
        logger.error(
          { signal, afterMs: hardStopMs },
          `did not stop within ${hardStopMs / 1000} s after ${signal}: exiting anyway; a restarted agent finishes any journaled replacement`,
        );
        resolve();
      }, hardStopMs);
      stop().then(
        () => {
          clearTimeout(hardStop);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(hardStop);
          logger.error(
            { error: error instanceof Error ? error.message : String(error) },
            'error while stopping',
          );
          resolve();
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
