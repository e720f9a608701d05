import * as E from 'fp-ts/lib/Either.js';
import { type ElbError, elbError, validationError } from './elb-error.js';

/** A load balancer's tag as the ELB API gives it. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface TagDescription {
  readonly loadBalancerName: string;
  readonly tags: readonly Tag[];
}

/**
 * The limits of Classic ELB tags, from AWS's documentation (the user guide's "Tag restrictions" and the
 * API reference of AddTags): at most 10 tags a load balancer (the API reference's figure; the user
 * guide's later 50 is not assumed), keys of 1 to 127 and values of up to 255 characters, letters,
 * digits, spaces and `+ - = . _ : / @`, no `aws:` prefix on a key.
 */
export const MAX_TAGS = 10;
const MAX_KEY_LENGTH = 127;
const MAX_VALUE_LENGTH = 255;
const MAX_DESCRIBE_NAMES = 20;
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const notFound = (name: string) =>
  elbError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${name}'`);

/**
 * The tags of every load balancer (AddTags, RemoveTags, DescribeTags). AddTags and RemoveTags name one
 * load balancer only; a key already there gets the new value and does not count twice towards the limit.
 */
export class ElbTags {
  private readonly byLoadBalancer = new Map<string, Map<string, string>>();

  constructor(
    /** Whether the load balancer exists: tags are answered only for those. */
    private readonly exists: (name: string) => boolean,
    initial: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
  ) {
    for (const [name, tags] of Object.entries(initial)) {
      this.byLoadBalancer.set(name, new Map(Object.entries(tags)));
    }
  }

  describe(names: readonly string[]): E.Either<ElbError, readonly TagDescription[]> {
    if (names.length === 0) return validationError('LoadBalancerNames must not be empty');
    if (names.length > MAX_DESCRIBE_NAMES) {
      return validationError(
        `1 validation error detected: Value at 'loadBalancerNames' failed to satisfy constraint: Member must have length less than or equal to ${MAX_DESCRIBE_NAMES}`,
      );
    }
    const missing = names.find((n) => !this.exists(n));
    if (missing !== undefined) return notFound(missing);
    return E.right(
      [...new Set(names)].map((name) => ({
        loadBalancerName: name,
        tags: [...(this.byLoadBalancer.get(name) ?? new Map<string, string>())].map(([key, value]) => ({
          key,
          value,
        })),
      })),
    );
  }

  add(names: readonly string[], tags: readonly Tag[]): E.Either<ElbError, void> {
    const name = oneLoadBalancer(names);
    if (E.isLeft(name)) return name;
    if (!this.exists(name.right)) return notFound(name.right);
    if (tags.length === 0) return validationError('Tags must not be empty');
    const keys = tags.map((t) => t.key);
    const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
    if (duplicate !== undefined) {
      return elbError('DuplicateTagKeys', `A tag key was specified more than once: ${duplicate}`);
    }
    for (const tag of tags) {
      const invalid = invalidTag(tag);
      if (invalid !== undefined) return validationError(invalid);
    }
    const current = this.byLoadBalancer.get(name.right) ?? new Map<string, string>();
    const added = keys.filter((k) => !current.has(k)).length;
    if (current.size + added > MAX_TAGS) {
      return elbError(
        'TooManyTags',
        `The quota for the number of tags that can be assigned to a load balancer has been reached (${MAX_TAGS})`,
      );
    }
    for (const tag of tags) current.set(tag.key, tag.value);
    this.byLoadBalancer.set(name.right, current);
    return E.right(undefined);
  }

  /** Removing a key the load balancer does not have is not an error. */
  remove(names: readonly string[], keys: readonly string[]): E.Either<ElbError, void> {
    const name = oneLoadBalancer(names);
    if (E.isLeft(name)) return name;
    if (!this.exists(name.right)) return notFound(name.right);
    if (keys.length === 0) return validationError('Tags must not be empty');
    const current = this.byLoadBalancer.get(name.right);
    for (const key of keys) current?.delete(key);
    return E.right(undefined);
  }
}

const oneLoadBalancer = (names: readonly string[]): E.Either<ElbError, string> => {
  const [name] = names;
  if (name === undefined || names.length > 1) {
    return validationError(
      `1 validation error detected: Value at 'loadBalancerNames' failed to satisfy constraint: Member must have length less than or equal to 1`,
    );
  }
  return E.right(name);
};

/** Why AWS refuses the tag, or undefined. */
const invalidTag = ({ key, value }: Tag): string | undefined => {
  if (key.length < 1 || key.length > MAX_KEY_LENGTH)
    return `Tag key '${key}' must be 1 to ${MAX_KEY_LENGTH} characters`;
  if (value.length > MAX_VALUE_LENGTH)
    return `Tag value of '${key}' must be at most ${MAX_VALUE_LENGTH} characters`;
  if (!ALLOWED.test(key) || !ALLOWED.test(value))
    return `Tag '${key}' has characters other than letters, digits, spaces and + - = . _ : / @`;
  if (key.toLowerCase().startsWith('aws:')) return `Tag key '${key}' uses the reserved prefix aws:`;
  return undefined;
};
