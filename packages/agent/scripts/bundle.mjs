#!/usr/bin/env node
// The `statika` command as one self-contained file, dist/bundle/statika.mjs: what the Dockerfile ships
// and what `node statika.mjs` runs with no node_modules beside it. Run after `pnpm build`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

// Some dependencies (pino, prom-client, the AWS SDK) are CommonJS and call require() or read __dirname;
// in an ES module bundle those exist only if the bundle defines them.
const commonJsShim = [
  "import { createRequire as __shimCreateRequire } from 'node:module';",
  "import { fileURLToPath as __shimFileURLToPath } from 'node:url';",
  'const require = __shimCreateRequire(import.meta.url);',
  'const __filename = __shimFileURLToPath(import.meta.url);',
  "const __dirname = __shimFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

await build({
  entryPoints: [join(packageDir, 'bin/statika.js')],
  outfile: join(packageDir, 'dist/bundle/statika.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  banner: { js: commonJsShim },
  legalComments: 'none',
  logLevel: 'warning',
});
