// Adds up ava's closing summaries ("12 tests passed", "1 test failed", "2 tests skipped", ...) from
// every package's test run and prints one line: "N passed, N failed[, N skipped]".
// Exits 1 when nothing ran or a count says something failed.
import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const text = stripVTControlCharacters(readFileSync(process.argv[2] ?? 0, 'utf8'));
const count = (re) =>
  text
    .split('\n')
    .map((line) => re.exec(line))
    .filter(Boolean)
    .reduce((sum, m) => sum + Number(m[1]), 0);

const passed = count(/(?:^|\s)(\d+) tests? passed\s*$/);
const failed =
  count(/(?:^|\s)(\d+) tests? failed\s*$/) +
  count(/(?:^|\s)(\d+) uncaught exceptions?\s*$/) +
  count(/(?:^|\s)(\d+) unhandled rejections?\s*$/);
const skipped = count(/(?:^|\s)(\d+) tests? skipped\s*$/) + count(/(?:^|\s)(\d+) tests? todo\s*$/);

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(passed > 0 && failed === 0 ? 0 : 1);
