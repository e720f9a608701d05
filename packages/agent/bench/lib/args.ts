/**
 * `--name value` and `--flag` command-line options as a map (`--name=value` too). pnpm passes a lone
 * `--` through when called as `pnpm soak -- --events 1000`: it is skipped.
 */
export const parseArgs = (argv: readonly string[]): ReadonlyMap<string, string> => {
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--' || !arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) options.set(name, inline);
    else if (next !== undefined && !next.startsWith('--')) {
      options.set(name, next);
      i += 1;
    } else options.set(name, 'true');
  }
  return options;
};

/** A non-negative integer option, or `fallback`; a malformed value is an error that names the option. */
export const intOption = (options: ReadonlyMap<string, string>, name: string, fallback: number): number => {
  const raw = options.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name}: expected a non-negative integer, got ${raw}`);
  return value;
};
