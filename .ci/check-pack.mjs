#!/usr/bin/env node
// What npm would publish for each library package: built JavaScript with type declarations, README and
// LICENSE, and nothing else of note (no tests, no TypeScript sources, no other package's files); and an
// exports map whose every entry has `types` and `default`. Run after `pnpm build`.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const packages = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['core', 'aws', 'agent'];
const problems = [];

const checkExports = (name, manifest) => {
  const entries = Object.entries(manifest.exports ?? {});
  if (entries.length === 0) problems.push(`${name}: package.json has no exports map`);
  for (const [key, entry] of entries) {
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`${name}: exports["${key}"] is a bare path; it needs types and default`);
      continue;
    }
    for (const condition of ['types', 'default']) {
      const target = entry[condition];
      if (typeof target !== 'string') problems.push(`${name}: exports["${key}"] has no ${condition}`);
      else if (!existsSync(join(root, 'packages', name.split('/')[1], target))) {
        problems.push(`${name}: exports["${key}"].${condition} points at ${target}, which does not exist`);
      }
    }
  }
};

const checkFiles = (name, files) => {
  const has = (predicate) => files.some(predicate);
  if (!has((f) => f === 'README.md')) problems.push(`${name}: README.md is not packed`);
  if (!has((f) => f === 'LICENSE')) problems.push(`${name}: LICENSE is not packed`);
  if (!has((f) => f.startsWith('dist/') && f.endsWith('.js')))
    problems.push(`${name}: no built JavaScript packed`);
  if (!has((f) => f.startsWith('dist/') && f.endsWith('.d.ts')))
    problems.push(`${name}: no type declarations packed`);
  for (const f of files) {
    const allowed =
      f === 'package.json' ||
      f === 'README.md' ||
      f === 'LICENSE' ||
      (f.startsWith('dist/') && /\.(js|d\.ts)$/.test(f) && !f.startsWith('dist/bundle/')) ||
      /^bin\/[^/]+\.js$/.test(f);
    if (!allowed) problems.push(`${name}: packs ${f}, which a user of the package does not need`);
    if (/(^|\/)(test|tests|__tests__)\//.test(f) || /\.test\.[jt]s$/.test(f))
      problems.push(`${name}: packs a test: ${f}`);
    if (f.startsWith('src/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))
      problems.push(`${name}: packs a source: ${f}`);
  }
};

// npm takes a second or two to start: pack the packages side by side.
const reports = await Promise.all(
  packages.map(async (p) => {
    const dir = join(root, 'packages', p);
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return {
      manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')),
      report: JSON.parse(stdout)[0],
    };
  }),
);
for (const { manifest, report } of reports) {
  const files = report.files.map((f) => f.path);
  checkExports(manifest.name, manifest);
  checkFiles(manifest.name, files);
  console.log(`pack: ${manifest.name}: ${files.length} files, ${report.size} bytes packed`);
}

for (const p of problems) console.error(p);
process.exit(problems.length === 0 ? 0 : 1);
