#!/usr/bin/env node
// Checks every relative link and anchor in the Markdown an operator reads (README.md, docs/*.md,
// packages/*/README.md): the file must exist and the #anchor must be a heading of it, slugged as GitHub
// does. External links are not fetched (CI has no internet). Exit 1 with one line per broken link.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

const markdownFiles = () => {
  const files = [join(root, 'README.md')];
  const docs = join(root, 'docs');
  if (existsSync(docs)) {
    for (const f of readdirSync(docs)) if (f.endsWith('.md')) files.push(join(docs, f));
  }
  const packages = join(root, 'packages');
  for (const p of readdirSync(packages)) files.push(join(packages, p, 'README.md'));
  return files.filter((f) => existsSync(f));
};

const withoutFences = (text) => text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** Markdown without code blocks and inline code, where `[x](y)` is not a link. */
const withoutCode = (text) => withoutFences(text).replace(/`[^`\n]*`/g, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, duplicates numbered. */
const anchorsOf = (text) => {
  const seen = new Map();
  const anchors = new Set();
  for (const line of withoutFences(text).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading === null) continue;
    const plain = heading[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*~]/g, '');
    const slug = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  return anchors;
};

const linksOf = (text) => {
  const links = [];
  const body = withoutCode(text);
  for (const m of body.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    links.push(m[1]);
  for (const m of body.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)) links.push(m[1]);
  return links;
};

const problems = [];
let checked = 0;
for (const file of markdownFiles()) {
  const text = readFileSync(file, 'utf8');
  for (const link of linksOf(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:, …: not checked offline
    checked++;
    const [path, anchor] = link.split('#', 2);
    const target = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    const where = relative(root, file);
    if (!existsSync(target)) {
      problems.push(`${where}: ${link}: no such file ${relative(root, target)}`);
      continue;
    }
    if (anchor === undefined || anchor === '') continue;
    if (statSync(target).isDirectory() || !target.endsWith('.md')) {
      problems.push(`${where}: ${link}: anchors are only checked in Markdown files`);
      continue;
    }
    if (!anchorsOf(readFileSync(target, 'utf8')).has(decodeURIComponent(anchor))) {
      problems.push(`${where}: ${link}: no heading #${anchor} in ${relative(root, target)}`);
    }
  }
}

for (const p of problems) console.error(p);
console.log(`links: ${checked} relative links checked, ${problems.length} broken`);
process.exit(problems.length === 0 ? 0 : 1);
