import { type DestinationStream, type Logger, pino } from 'pino';

/** The levels `--log-level` and `STATIKA_LOG_LEVEL` accept. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export const isLogLevel = (s: string): s is LogLevel => (logLevels as readonly string[]).includes(s);

/**
 * One JSON object a line on stdout: `{"level":"info","time":"…","msg":"…",…}`. Levels are written as
 * words so that `jq 'select(.level=="warn")'` works without a lookup table. Writes are synchronous so that
 * nothing is lost when the process exits right after a line.
 */
export const createLogger = (level: LogLevel, destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );

export type { Logger };
