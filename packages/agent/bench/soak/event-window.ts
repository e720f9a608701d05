/**
 * The soak's event log: every event and check since the previous quiet period, so that a violation comes
 * with the events that led to it; printed as it goes with `--verbose`.
 */
export interface EventWindow {
  note(text: string): void;
  /** The lines since the last `clear`. */
  lines(): readonly string[];
  clear(): void;
}

export const createEventWindow = (
  elapsedMs: () => number,
  print: ((line: string) => void) | undefined,
): EventWindow => {
  let lines: string[] = [];
  return {
    note: (text) => {
      const line = `${(elapsedMs() / 1000).toFixed(1).padStart(8)} s  ${text}`;
      lines.push(line);
      print?.(line);
    },
    lines: () => lines,
    clear: () => {
      lines = [];
    },
  };
};
