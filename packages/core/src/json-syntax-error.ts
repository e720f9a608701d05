/**
 * Where JSON text first breaks the grammar (RFC 8259) and what was expected there. `JSON.parse` names a
 * place in only some of its messages, as a character offset, and its words change between Node
 * versions; this scan gives every syntax error a place, so an operator reads the line and column, as an
 * editor shows them. It only locates: `JSON.parse` stays the parser.
 */
export interface JsonSyntaxError {
  /** Offset (UTF-16 code units) of the first character that cannot be there; `text.length` at the end. */
  readonly offset: number;
  readonly expected: string;
}

/** Deeper than this the scan stops rather than risk the stack; no file of ours nests anywhere near it. */
const MAX_DEPTH = 1000;

/** The offset just after what was scanned, or the error that stopped the scan. */
type Scanned = number | JsonSyntaxError;

const stopped = (r: Scanned): r is JsonSyntaxError => typeof r !== 'number';

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export const jsonSyntaxError = (text: string): JsonSyntaxError | undefined => {
  const end = value(text, space(text, 0), 0);
  if (stopped(end)) return end;
  const rest = space(text, end);
  return rest < text.length ? { offset: rest, expected: 'the end of the file after the value' } : undefined;
};

const space = (text: string, i: number): number => {
  let j = i;
  while (j < text.length && ' \t\n\r'.includes(text[j] ?? '')) j += 1;
  return j;
};

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

const value = (text: string, i: number, depth: number): Scanned => {
  if (depth > MAX_DEPTH) return { offset: i, expected: `at most ${MAX_DEPTH} nested arrays and objects` };
  const c = text[i];
  switch (c) {
    case '{':
      return object(text, i, depth + 1);
    case '[':
      return array(text, i, depth + 1);
    case '"':
      return string(text, i);
    case 't':
      return literal(text, i, 'true');
    case 'f':
      return literal(text, i, 'false');
    case 'n':
      return literal(text, i, 'null');
    default:
      return c === '-' || isDigit(c) ? number(text, i) : { offset: i, expected: 'a value' };
  }
};

const literal = (text: string, i: number, word: string): Scanned => {
  for (let k = 0; k < word.length; k += 1) {
    if (text[i + k] !== word[k]) return { offset: i + k, expected: `'${word}'` };
  }
  return i + word.length;
};

const digitsEnd = (text: string, i: number): number => {
  let j = i;
  while (isDigit(text[j])) j += 1;
  return j;
};

const number = (text: string, i: number): Scanned => {
  let j = text[i] === '-' ? i + 1 : i;
  if (!isDigit(text[j])) return { offset: j, expected: 'a digit' };
  j = text[j] === '0' ? j + 1 : digitsEnd(text, j);
  if (text[j] === '.') {
    if (!isDigit(text[j + 1])) return { offset: j + 1, expected: 'a digit after the decimal point' };
    j = digitsEnd(text, j + 1);
  }
  if (text[j] === 'e' || text[j] === 'E') {
    j += text[j + 1] === '+' || text[j + 1] === '-' ? 2 : 1;
    if (!isDigit(text[j])) return { offset: j, expected: 'a digit in the exponent' };
    j = digitsEnd(text, j);
  }
  return j;
};

const ESCAPES = '"\\/bfnrt';
const HEX = /^[0-9A-Fa-f]{4}$/;

const string = (text: string, i: number): Scanned => {
  let j = i + 1;
  for (;;) {
    const c = text[j];
    if (c === undefined) return { offset: j, expected: 'a closing quote' };
    if (c === '"') return j + 1;
    if (c < ' ') return { offset: j, expected: 'no line break or control character inside a string' };
    if (c === '\\') {
      const escaped = text[j + 1];
      if (escaped === 'u') {
        if (!HEX.test(text.slice(j + 2, j + 6)))
          return { offset: j + 2, expected: 'four hex digits after \\u' };
        j += 6;
        continue;
      }
      if (escaped === undefined || !ESCAPES.includes(escaped)) {
        return { offset: j + 1, expected: 'an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)' };
      }
      j += 2;
      continue;
    }
    j += 1;
  }
};

/** `[` value (`,` value)* `]`, and `{` member (`,` member)* `}`: the same loop with a different element. */
const sequence = (
  text: string,
  i: number,
  close: string,
  element: (at: number) => Scanned,
  after: string,
): Scanned => {
  let j = space(text, i + 1);
  if (text[j] === close) return j + 1;
  for (;;) {
    const end = element(j);
    if (stopped(end)) return end;
    j = space(text, end);
    if (text[j] === close) return j + 1;
    if (text[j] !== ',') return { offset: j, expected: `',' or '${close}' after ${after}` };
    j = space(text, j + 1);
  }
};

const array = (text: string, i: number, depth: number): Scanned =>
  sequence(text, i, ']', (at) => value(text, at, depth), 'an array element');

const object = (text: string, i: number, depth: number): Scanned =>
  sequence(text, i, '}', (at) => member(text, at, depth), 'a property value');

const member = (text: string, i: number, depth: number): Scanned => {
  if (text[i] !== '"') return { offset: i, expected: 'a property name in double quotes' };
  const name = string(text, i);
  if (stopped(name)) return name;
  const colon = space(text, name);
  if (text[colon] !== ':') return { offset: colon, expected: "':' after the property name" };
  return value(text, space(text, colon + 1), depth);
};
