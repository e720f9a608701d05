import type * as t from 'io-ts';
import { describeValue, type FileProblem } from './file-problem.js';
import { isJsonObject } from './json-object.js';
import { fieldPath, indexPath } from './json-path.js';

type AnyCodec = t.Mixed & { readonly _tag?: string };

/** The fields an object codec knows (the union of an intersection's members), or undefined for non-objects. */
const knownFields = (codec: AnyCodec): Readonly<Record<string, AnyCodec>> | undefined => {
  switch (codec._tag) {
    case 'InterfaceType':
    case 'PartialType':
      return (codec as unknown as t.InterfaceType<t.Props>).props as Record<string, AnyCodec>;
    case 'IntersectionType': {
      const members = (codec as unknown as t.IntersectionType<AnyCodec[]>).types.map(knownFields);
      if (members.every((m) => m === undefined)) return undefined;
      return Object.assign({}, ...members);
    }
    default:
      return undefined;
  }
};

const arrayItem = (codec: AnyCodec): AnyCodec | undefined =>
  codec._tag === 'ArrayType' || codec._tag === 'ReadonlyArrayType'
    ? (codec as unknown as t.ArrayType<AnyCodec>).type
    : undefined;

/**
 * Fields the codec does not know, as warnings: a typo in an optional field (`settleTimeSecond`) should
 * be visible, but a file written for a newer Statika should still work.
 */
export const unknownFieldWarnings = (
  codec: AnyCodec,
  value: unknown,
  path: string,
  file: string,
): readonly FileProblem[] => {
  const item = arrayItem(codec);
  if (item !== undefined) {
    return Array.isArray(value)
      ? value.flatMap((v, i) => unknownFieldWarnings(item, v, indexPath(path, i), file))
      : [];
  }
  const fields = knownFields(codec);
  if (fields === undefined || !isJsonObject(value)) return [];
  return Object.entries(value).flatMap(([key, v]): readonly FileProblem[] => {
    const field = fields[key];
    const at = fieldPath(path, key);
    // An editor's `$schema` pointer at the top is expected, not a typo.
    if (field === undefined && key === '$schema' && path === '') return [];
    if (field === undefined) {
      const known = Object.keys(fields).join(', ');
      return [
        {
          file,
          path: at,
          expected: `no such field (known: ${known})`,
          got: describeValue(v),
          severity: 'warning',
        },
      ];
    }
    return unknownFieldWarnings(field, v, at, file);
  });
};

/** The value with only the fields the codec knows, so unknown fields never reach the rest of Statika. */
export const withoutUnknownFields = <A>(codec: AnyCodec, value: A): A => {
  const item = arrayItem(codec);
  if (item !== undefined)
    return (Array.isArray(value) ? value.map((v) => withoutUnknownFields(item, v)) : value) as A;
  const fields = knownFields(codec);
  if (fields === undefined || !isJsonObject(value)) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = fields[key];
    if (field !== undefined) kept[key] = withoutUnknownFields(field, v);
  }
  return kept as A;
};
