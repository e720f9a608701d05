/** Small statistics over measured samples; an empty sample has no median (undefined), never NaN. */

export const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const maximum = (values: readonly number[]): number | undefined =>
  values.length === 0 ? undefined : values.reduce((a, b) => Math.max(a, b));

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** `value` with `digits` decimals, or `-` when there is none. */
export const show = (value: number | undefined, digits = 0, unit = ''): string =>
  value === undefined ? '-' : `${value.toFixed(digits)}${unit}`;
