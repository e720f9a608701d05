import * as E from 'fp-ts/lib/Either.js';
import type { FileProblem } from './file-problem.js';

/** JSON text to a value, or one problem naming the file and what the parser said (never a throw). */
export const parseJson = (text: string, file: string): E.Either<readonly FileProblem[], unknown> => {
  try {
    return E.right(JSON.parse(text));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return E.left([{ file, path: '', expected: 'valid JSON', got: message, severity: 'error' }]);
  }
};
