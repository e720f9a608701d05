import * as E from 'fp-ts/lib/Either.js';
import { type Configuration, ConfigurationFile, withConfigurationDefaults } from './configuration.js';
import { decodeErrorsToProblems } from './decode-errors.js';
import { unknownFieldWarnings, withoutUnknownFields } from './decode-unknown-fields.js';
import type { Decoded, FileProblem } from './file-problem.js';

/**
 * The configuration file (already parsed JSON) to a Configuration with defaults applied, or every
 * problem in it at once (errors first, then the warnings). Unknown fields are warnings and are dropped
 * from the value.
 */
export const decodeConfigurationFile = (
  json: unknown,
  file: string,
): E.Either<readonly FileProblem[], Decoded<Configuration>> => {
  const decoded = ConfigurationFile.decode(json);
  const warnings = unknownFieldWarnings(ConfigurationFile, json, '', file);
  if (E.isLeft(decoded)) return E.left([...decodeErrorsToProblems(decoded.left, file, ''), ...warnings]);
  return E.right({
    value: withConfigurationDefaults(withoutUnknownFields(ConfigurationFile, decoded.right)),
    warnings,
  });
};
