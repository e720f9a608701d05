import type { CliContext } from '../../src/cli/cli-context.js';

/** A CLI context that records what a command prints. */
export const captureContext = (env: CliContext['env'] = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { env, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
  return { ctx, stdout: () => out.join(''), stderr: () => err.join('') };
};
