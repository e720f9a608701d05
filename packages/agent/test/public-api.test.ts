import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import ts from 'typescript';

const index = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const embedding = readFileSync(new URL('../../../docs/embedding.md', import.meta.url), 'utf8');

/**
 * Every name the index exports, types included: read from its export declarations, which name each export
 * (an `export *` would export whatever a module adds, so the index has none).
 */
const exportedNames = (): readonly string[] => {
  const source = ts.createSourceFile(index, readFileSync(index, 'utf8'), ts.ScriptTarget.ES2022);
  return source.statements.flatMap((statement) => {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause === undefined || !ts.isNamedExports(clause)) throw new Error('the index has an export *');
      return clause.elements.map((element) => element.name.text);
    }
    if (
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    )
      throw new Error('the index declares something itself: it only re-exports');
    return [];
  });
};

/** The names in the first column of docs/embedding.md's table of what the package exports. */
const documentedNames = (): readonly string[] => {
  const section = embedding.split('## What `@statika/agent` exports')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Za-z]+)/g)].map((m) => m[1] as string));
};

test("docs/embedding.md's table lists exactly what the index exports", (t) => {
  const exported = [...exportedNames()].sort();
  const documented = [...documentedNames()].sort();
  t.true(documented.length > 0, 'the table is found');
  t.deepEqual(exported, documented);
});

test('every name docs/embedding.md imports from @statika/agent is exported', (t) => {
  const exported = new Set(exportedNames());
  const imported = [...embedding.matchAll(/import \{([^}]*)\} from '@statika\/agent'/g)].flatMap((m) =>
    (m[1] ?? '')
      .split(',')
      .map((name) => name.replace(/^\s*type\s+/, '').trim())
      .filter((name) => name !== ''),
  );
  t.true(imported.length > 0, 'the examples import from @statika/agent');
  t.deepEqual(
    imported.filter((name) => !exported.has(name)),
    [],
  );
});

test('nothing of the simulated cluster or the harness is exported', (t) => {
  t.deepEqual(
    exportedNames().filter((name) => /harness|sim|cluster/i.test(name)),
    [],
  );
});
