/** A place in a text file as editors show it: line and column, both counted from 1. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** The line and column of `offset` (UTF-16 code units); columns count characters, as editors do. */
export const textPosition = (text: string, offset: number): TextPosition => {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (const c of before) if (c === '\n') line += 1;
  return { line, column: [...before.slice(lineStart)].length + 1 };
};
