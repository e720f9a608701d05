#!/usr/bin/env node
// The `statika` command as a self-contained bundle, dist/bundle/statika.mjs and its chunks/ folder: what
// the Dockerfile ships and what `node statika.mjs` runs with no node_modules beside it. Run after `pnpm build`.
// Code that only some commands need (the demo's simulator and harness) and what the SDK loads on demand
// are chunks of their own, loaded by a dynamic import when used: `statika run` never parses them.
import { rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
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

// jsonc-parser's `main` is a UMD build whose factory calls its own `require` for its modules, which a bundle
// cannot follow. Its ES module build can be followed; it has no default export, which Node gives the UMD
// build as CommonJS (what `import jsonc from 'jsonc-parser'` in core reads), so a shim adds one.
const jsoncParserEsm = join(
  dirname(createRequire(join(packageDir, '../core/package.json')).resolve('jsonc-parser')),
  '../esm/main.js',
);
const jsoncParserAsNode = {
  name: 'jsonc-parser-as-node',
  setup(build) {
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: 'jsonc-parser', namespace: 'jsonc-shim' }));
    build.onLoad({ filter: /.*/, namespace: 'jsonc-shim' }, () => ({
      contents: `import * as jsonc from ${JSON.stringify(jsoncParserEsm)}; export default jsonc;`,
      resolveDir: dirname(jsoncParserEsm),
    }));
  },
};

// Packages that ship both a CommonJS and an ES module build: a bundle of the CommonJS one keeps all of it (esbuild
// cannot drop unused parts of a module.exports), of the ES module one only what Statika imports. Node's own
// resolution picks CommonJS for these: the SDK clients with no `exports` (`main` before `module`, hence
// `mainFields` below), rxjs (its `exports` list `node` first) and fp-ts (Statika and io-ts import `fp-ts/lib/*`;
// `es6/*` is the same modules as ES modules). With the ES module builds the start-up chunks of `statika run` are
// about half their size and its peak RSS 6 MB lower (docs/performance.md, section 4).
const requireFrom = (dir) => createRequire(join(dir, 'package.json'));
const esModuleBuilds = {
  name: 'es-module-builds',
  setup(build) {
    build.onResolve({ filter: /^rxjs$/ }, ({ resolveDir }) => ({
      path: requireFrom(resolveDir).resolve('rxjs').replace('/dist/cjs/', '/dist/esm/'),
    }));
    build.onResolve({ filter: /^fp-ts\/lib\// }, ({ path, resolveDir }) => ({
      path: requireFrom(resolveDir)
        .resolve(path)
        .replace(/\/lib\/([^/]+)$/, '/es6/$1'),
    }));
  },
};

// An ES module `import` of a Node built-in reads every export of it, and some exports are lazy getters that
// load more of Node: importing node:http loads http2, worker_threads, the web streams and undici (for its
// WebSocket), node:util loads worker_threads, node:buffer the File class; none of which Statika uses. A
// require() reads only what the code then uses: each built-in a bundled module imports (`import` or
// `import()`, as the SDK does for node:http) becomes a require()
// (the CommonJS shim of the banner above), 10 MB less peak RSS for `statika run` (docs/performance.md).
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(build) {
    build.onResolve({ filter: /^[a-z_:/]+$/ }, ({ path, kind }) =>
      (kind === 'import-statement' || kind === 'dynamic-import') && isBuiltin(path)
        ? { path, namespace: 'builtin-by-require' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin-by-require' }, ({ path }) => ({
      contents: `module.exports = require(${JSON.stringify(path)});`,
      loader: 'js',
    }));
  },
};

const outdir = join(packageDir, 'dist/bundle');
rmSync(outdir, { recursive: true, force: true }); // no chunk of an earlier build left beside the new ones
await build({
  entryPoints: { statika: join(packageDir, 'bin/statika.js') },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  target: 'node22',
  format: 'esm',
  banner: { js: commonJsShim },
  // Without the indentation and line breaks: the loaded chunks' source, which V8 keeps in the heap, is a third
  // smaller, 1.4 MB less peak RSS. Names are kept (no minifyIdentifiers; with keepNames it measured worse), and
  // the syntax is not rewritten (minify's syntax changes measured 8 MB worse: docs/performance.md, section 4).
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [jsoncParserAsNode, esModuleBuilds, builtinsByRequire],
});
