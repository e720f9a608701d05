import * as E from 'fp-ts/lib/Either.js';

/** An ELB API error: the code AWS answers with (the status comes from the protocol layer's table). */
export interface ElbError {
  readonly code: string;
  readonly message: string;
}

export const elbError = (code: string, message: string): E.Either<ElbError, never> =>
  E.left({ code, message });
export const validationError = (message: string) => elbError('ValidationError', message);
