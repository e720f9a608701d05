import * as E from 'fp-ts/lib/Either.js';
import type { FileProblem } from './file-problem.js';
import { jsonSyntaxError } from './json-syntax-error.js';
import { textPosition } from './text-position.js';

/**
 * JSON text to a value, or one problem naming the file, the line and column of the first syntax error
 * and what was expected there (never a throw).
 */
export const parseJson = (text: string, file: string): E.Either<readonly FileProblem[], unknown> => {
  try {
    return E.right(JSON.parse(text));
  } catch (e) {
    return E.left([syntaxProblem(text, file, e)]);
  }
};

const syntaxProblem = (text: string, file: string, thrown: unknown): FileProblem => {
  const error = jsonSyntaxError(text);
  // JSON.parse refused what the scan accepts: nothing to point at, so say what the parser said.
  if (error === undefined) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return { file, path: '', expected: 'valid JSON', got: message, severity: 'error' };
  }
  return {
    file,
    path: '',
    at: textPosition(text, error.offset),
    expected: error.expected,
    got: tokenAt(text, error.offset),
    severity: 'error',
  };
};

/** A string (to its closing quote or the line's end), a word or number, or one character. */
const TOKEN = /"(?:[^"\\\n]|\\.)*"?|[\w.+-]+|[\s\S]/uy;
const PRINTABLE = /^[^\p{Cc}]*$/u;

/** What the text holds where it went wrong, in quotes: `'"cluster"'`, `'}'`, or the end of the file. */
const tokenAt = (text: string, offset: number): string => {
  TOKEN.lastIndex = offset;
  const token = TOKEN.exec(text)?.[0];
  if (token === undefined) return 'the end of the file';
  const short = token.length > 40 ? `${token.slice(0, 37)}...` : token;
  return PRINTABLE.test(short) && !short.includes("'") ? `'${short}'` : JSON.stringify(short);
};
