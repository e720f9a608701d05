import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { imageEnv, imageNodeArgs } from '../../bench/lib/image-runtime.js';

const withDockerfile = (text: string): Record<string, string> => {
  const dir = mkdtempSync(join(tmpdir(), 'statika-dockerfile-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), text);
    return imageEnv(join(dir, 'Dockerfile'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

test('imageEnv takes the ENV lines of the last stage only, quoted values whole', (t) => {
  const env = withDockerfile(
    [
      'FROM node:24 AS build',
      'ENV BUILD_ONLY=1',
      'FROM node:24-bookworm-slim',
      'ENV NODE_OPTIONS="--max-semi-space-size=1 --lite-mode"',
      'ENV MALLOC_ARENA_MAX=1 MALLOC_TRIM_THRESHOLD_=65536',
      'USER node',
      'env lower=case',
    ].join('\n'),
  );
  t.deepEqual(env, {
    NODE_OPTIONS: '--max-semi-space-size=1 --lite-mode',
    MALLOC_ARENA_MAX: '1',
    MALLOC_TRIM_THRESHOLD_: '65536',
    lower: 'case',
  });
});

test("the repository's Dockerfile gives the image's NODE_OPTIONS", (t) => {
  t.regex(imageEnv().NODE_OPTIONS ?? '', /--max-semi-space-size=1/);
});

test("imageNodeArgs takes node's options from the last ENTRYPOINT, not the script or its arguments", (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'statika-dockerfile-'));
  try {
    const dockerfile = join(dir, 'Dockerfile');
    writeFileSync(
      dockerfile,
      [
        'FROM node:24 AS build',
        'ENTRYPOINT ["node", "--build-only", "/x.mjs"]',
        'FROM node:24-bookworm-slim',
        'ENTRYPOINT ["node", "--heap-growing-percent=10", "/app/statika.mjs", "--not-a-node-flag"]',
      ].join('\n'),
    );
    t.deepEqual(imageNodeArgs(dockerfile), ['--heap-growing-percent=10']);
    writeFileSync(dockerfile, 'FROM node:24-bookworm-slim\nENTRYPOINT ["/bin/sh", "-c"]\n');
    t.deepEqual(imageNodeArgs(dockerfile), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
