import { ApiError } from './sim-request.js';

/**
 * The parameters of a query-protocol request (`Action=…&Version=…&Listeners.member.1.InstancePort=…`),
 * read with AWS's ValidationError for anything missing or malformed.
 */
export class QueryParams {
  private readonly values: Map<string, string>;

  constructor(entries: Iterable<[string, string]>) {
    this.values = new Map(entries);
  }

  static parse(text: string, query: Iterable<[string, string]> = []): QueryParams {
    return new QueryParams([...query, ...new URLSearchParams(text)]);
  }

  optionalString(name: string): string | undefined {
    return this.values.get(name);
  }

  string(name: string): string {
    const value = this.values.get(name);
    if (value === undefined || value === '') throw missing(name);
    return value;
  }

  optionalInteger(name: string): number | undefined {
    const raw = this.values.get(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value)) {
      throw new ApiError(
        'ValidationError',
        `Value '${raw}' at '${name}' failed to satisfy constraint: Member must be an integer`,
      );
    }
    return value;
  }

  integer(name: string): number {
    const value = this.optionalInteger(name);
    if (value === undefined) throw missing(name);
    return value;
  }

  /** `Name.member.1`, `Name.member.2`, … in order; `Name=` (an empty list) gives []. */
  list(name: string): string[] {
    return this.indexed(name).map(([, field]) => this.values.get(`${name}.member.${field}`) ?? '');
  }

  /** `Name.member.N.Field` structures, as maps from field to value, in order of N. */
  structures(name: string): QueryParams[] {
    return this.indexed(name).map(
      ([index]) =>
        new QueryParams(
          [...this.values]
            .filter(([key]) => key.startsWith(`${name}.member.${index}.`))
            .map(([key, value]) => [key.slice(`${name}.member.${index}.`.length), value]),
        ),
    );
  }

  private indexed(name: string): [number, string][] {
    const prefix = `${name}.member.`;
    const indices = new Set<number>();
    for (const key of this.values.keys()) {
      if (!key.startsWith(prefix)) continue;
      const index = Number(key.slice(prefix.length).split('.')[0]);
      if (Number.isInteger(index) && index > 0) indices.add(index);
    }
    return [...indices].sort((a, b) => a - b).map((i) => [i, String(i)]);
  }
}

const missing = (name: string) =>
  new ApiError(
    'ValidationError',
    `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
  );
