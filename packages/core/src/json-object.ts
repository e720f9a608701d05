/** A parsed JSON object (not an array, not null). */
export const isJsonObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);
