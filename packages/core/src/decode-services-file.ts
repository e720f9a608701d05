import * as E from 'fp-ts/lib/Either.js';
import { decodeErrorsToProblems } from './decode-errors.js';
import { unknownFieldWarnings, withoutUnknownFields } from './decode-unknown-fields.js';
import type { Decoded, FileProblem } from './file-problem.js';
import { type ServiceSpec, ServicesFile } from './services.js';
import { servicesCrossFieldProblems } from './services-cross-field.js';

/** The services file is a top-level array; its paths read `services[2].loadBalancerName`. */
export const SERVICES_ROOT = 'services';

/**
 * The services file (already parsed JSON) to service specs, or every problem at once (errors, then
 * warnings): those of the codec and the rules across entries that a codec cannot state (one load
 * balancer a service, no two explicit listeners on one load balancer port).
 */
export const decodeServicesFile = (
  json: unknown,
  file: string,
): E.Either<readonly FileProblem[], Decoded<readonly ServiceSpec[]>> => {
  const decoded = ServicesFile.decode(json);
  const errors = [
    ...(E.isLeft(decoded) ? decodeErrorsToProblems(decoded.left, file, SERVICES_ROOT) : []),
    ...servicesCrossFieldProblems(json, file, SERVICES_ROOT),
  ];
  const warnings = unknownFieldWarnings(ServicesFile, json, SERVICES_ROOT, file);
  if (E.isLeft(decoded) || errors.length > 0) return E.left([...errors, ...warnings]);
  return E.right({ value: withoutUnknownFields(ServicesFile, decoded.right), warnings });
};
