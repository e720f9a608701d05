import type { FileRead, FileSource } from '@statika/aws';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { rememberCluster } from '../../src/cli/remember-cluster.js';

const sourceOf = (reads: FileRead[]): FileSource => ({
  url: 'configuration.json',
  read: async () => E.right(reads.shift() ?? { changed: false }),
});

test('the cluster of the last text read is remembered; unchanged reads keep it', async (t) => {
  const remembered = rememberCluster(
    sourceOf([
      { changed: true, text: '{"cluster": "prod", "sleepTimeSeconds": 10}', version: undefined },
      { changed: false },
    ]),
  );
  t.is(remembered.cluster(), undefined);
  await remembered.source.read();
  t.is(remembered.cluster(), 'prod');
  await remembered.source.read();
  t.is(remembered.cluster(), 'prod');
});

test('a text without a usable cluster does not forget the last one', async (t) => {
  const remembered = rememberCluster(
    sourceOf([
      { changed: true, text: '{"cluster": "prod"}', version: undefined },
      { changed: true, text: 'not json', version: undefined },
      { changed: true, text: '{"cluster": 42}', version: undefined },
    ]),
  );
  for (let i = 0; i < 3; i++) await remembered.source.read();
  t.is(remembered.cluster(), 'prod');
});

test('the read itself is passed through unchanged', async (t) => {
  const read: FileRead = { changed: true, text: '{"cluster": "prod"}', version: 'etag-1' };
  const remembered = rememberCluster(sourceOf([read]));
  t.deepEqual(await remembered.source.read(), E.right(read));
  t.is(remembered.source.url, 'configuration.json');
});
