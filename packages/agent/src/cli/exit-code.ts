/** The exit codes of every `statika` command, as `--help` documents them. */
export const ExitCode = {
  /** Done; with `--once`, every service is in sync; `validate`: both files are valid. */
  ok: 0,
  /** With `--once` or `plan`: some service is not in sync; `validate`: a file has problems. */
  notInSync: 1,
  /** A configuration that can never work (a missing variable, an unsupported URL, a bad flag). */
  configuration: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
