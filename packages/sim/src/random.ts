/** A seeded pseudo-random source (mulberry32): the sim's only randomness, so runs repeat exactly. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** `length` lower-case hex digits. */
  hex(length: number): string;
}

export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (length: number): string =>
    Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('');
  return { next, hex };
};
