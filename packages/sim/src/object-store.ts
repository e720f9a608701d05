import { createHash } from 'node:crypto';

export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly body: string;
  /** Quoted, as S3 sends it: `"<md5>"`. */
  readonly etag: string;
  readonly lastModified: number;
  readonly contentType: string;
}

export type ObjectLookup =
  | { readonly kind: 'found'; readonly object: StoredObject }
  | { readonly kind: 'noSuchKey' }
  | { readonly kind: 'noSuchBucket' }
  | { readonly kind: 'accessDenied' };

/** The S3 objects of the world (the Statika files), with the access a test may deny. */
export class ObjectStore {
  private readonly objects = new Map<string, StoredObject>();
  private readonly buckets = new Set<string>();
  private readonly denied = new Set<string>();

  put(bucket: string, key: string, body: string, now: number): StoredObject {
    const object: StoredObject = {
      bucket,
      key,
      body,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: now,
      contentType: key.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    };
    this.buckets.add(bucket);
    this.objects.set(`${bucket}/${key}`, object);
    return object;
  }

  /** Denies GetObject on one key, or on the whole bucket when `key` is absent. */
  deny(bucket: string, key?: string): void {
    this.denied.add(key === undefined ? `${bucket}/` : `${bucket}/${key}`);
  }

  allow(bucket: string, key?: string): void {
    this.denied.delete(key === undefined ? `${bucket}/` : `${bucket}/${key}`);
  }

  get(bucket: string, key: string): ObjectLookup {
    if (this.denied.has(`${bucket}/`) || this.denied.has(`${bucket}/${key}`)) return { kind: 'accessDenied' };
    if (!this.buckets.has(bucket)) return { kind: 'noSuchBucket' };
    const object = this.objects.get(`${bucket}/${key}`);
    return object === undefined ? { kind: 'noSuchKey' } : { kind: 'found', object };
  }

  list(): readonly StoredObject[] {
    return [...this.objects.values()];
  }
}
