import type { TextPosition } from './text-position.js';

/**
 * One thing wrong with an input file, as data: which file, where in it (a JSON path such as
 * `services[2].loadBalancerName`, empty for the whole file), what was expected in words, and what was
 * found (the JSON of the value, or `nothing`). A syntax error has no path but a line and column (`at`).
 * Errors make the file unusable; warnings (unknown fields) are reported and the file is still used.
 */
export interface FileProblem {
  readonly file: string;
  readonly path: string;
  readonly at?: TextPosition;
  readonly expected: string;
  readonly got: string;
  readonly severity: 'error' | 'warning';
}

/** A decoded file: the value, and the warnings found on the way. */
export interface Decoded<A> {
  readonly value: A;
  readonly warnings: readonly FileProblem[];
}

/** What a problem says the value was: its JSON, or `nothing` when the field is absent. */
export const describeValue = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
};

export const fileError = (file: string, path: string, expected: string, value: unknown): FileProblem => ({
  file,
  path,
  expected,
  got: describeValue(value),
  severity: 'error',
});
