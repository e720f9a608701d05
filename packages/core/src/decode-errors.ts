import type * as t from 'io-ts';
import type { FileProblem } from './file-problem.js';
import { fileError } from './file-problem.js';
import { fieldPath, indexPath } from './json-path.js';

/**
 * The reporter: io-ts validation errors to file problems with a JSON path and the expected value in
 * words. The codecs stay the single definition of the formats; this only reads their error contexts.
 */
export const decodeErrorsToProblems = (
  errors: t.Errors,
  file: string,
  root: string,
): readonly FileProblem[] => {
  const byPath = new Map<string, FileProblem>();
  for (const error of errors) {
    const path = contextPath(error.context, root);
    // One problem a path: an intersection reports a wrong value once for each of its members.
    if (!byPath.has(path)) byPath.set(path, fileError(file, path, expectedOf(error.context), error.value));
  }
  return [...byPath.values()];
};

type AnyCodec = t.Decoder<unknown, unknown> & { readonly _tag?: string };

/** The path of an error: object keys and array indexes, skipping the member indexes of intersections. */
const contextPath = (context: t.Context, root: string): string => {
  let path = root;
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1]?.type as AnyCodec | undefined;
    const key = context[i]?.key ?? '';
    switch (parent?._tag) {
      case 'IntersectionType':
      case 'RefinementType':
        break;
      case 'ArrayType':
      case 'ReadonlyArrayType':
        path = indexPath(path, key);
        break;
      default:
        path = fieldPath(path, key);
    }
  }
  return path;
};

/** Words for what the innermost codec of an error wanted. */
const expectedOf = (context: t.Context): string => {
  const codec = context[context.length - 1]?.type as AnyCodec | undefined;
  if (codec === undefined) return 'a valid value';
  const named = EXPECTED_BY_NAME[codec.name];
  if (named !== undefined) return named;
  switch (codec._tag) {
    case 'KeyofType':
      return `one of ${Object.keys((codec as unknown as t.KeyofC<Record<string, unknown>>).keys).join(', ')}`;
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return 'an array';
    case 'InterfaceType':
    case 'PartialType':
    case 'IntersectionType':
    case 'ExactType':
      return 'an object';
    default:
      return codec.name;
  }
};

const EXPECTED_BY_NAME: Readonly<Record<string, string>> = {
  NonEmptyString: 'a non-empty string',
  LoadBalancerName: 'a non-empty string',
  PositiveInt: 'a positive integer',
  PositiveNumber: 'a positive number',
  NonNegativeInt: 'a non-negative integer (0 or more)',
  Port: 'a port 1..65535',
  NodePort: 'a node port 1024..65535',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};
