import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { formatProblem, jsonSyntaxError, parseJson, textPosition } from '../src/index.js';

/** What an operator reads for `text` as `configuration.json`. */
const message = (text: string): string => {
  const parsed = parseJson(text, 'configuration.json');
  return E.isLeft(parsed) ? parsed.left.map(formatProblem).join('\n') : 'valid';
};

test('parseJson parses valid JSON', (t) => {
  t.deepEqual(parseJson('{"a": [1]}', 'x.json'), E.right({ a: [1] }));
});

test('a missing comma is placed at the line and column of the next property, as an editor shows it', (t) => {
  const text = '{\n  "cluster": "prod",\n  "sleepTimeSeconds": 10\n  "settleTimeSeconds": 5\n}\n';
  t.is(message(text), `configuration.json:4:3: expected ',' between values, got '"settleTimeSeconds"'`);
});

test('the problem is data: file, line and column, what was expected, what was found', (t) => {
  t.deepEqual(
    parseJson('[1,\n 2,\n]', 'services.json'),
    E.left([
      {
        file: 'services.json',
        path: '',
        at: { line: 3, column: 1 },
        expected: 'a value',
        got: "']'",
        severity: 'error',
      },
    ]),
  );
});

const NOT_A_TOKEN =
  'a JSON token (a string in double quotes, a number, true, false, null, or one of { } [ ] : ,)';

test('each kind of syntax error says what was expected where', (t) => {
  const cases: readonly (readonly [string, string])[] = [
    ['{"cluster": "prod",}', `configuration.json:1:20: expected a property name in double quotes, got '}'`],
    ['{"cluster": ', 'configuration.json:1:13: expected a value, got the end of the file'],
    ['', 'configuration.json:1:1: expected a value, got the end of the file'],
    ['{"cluster" "prod"}', `configuration.json:1:12: expected ':' after the property name, got '"prod"'`],
    ['{"sleepTimeSeconds": tru}', `configuration.json:1:22: expected ${NOT_A_TOKEN}, got 'tru'`],
    ['{"sleepTimeSeconds": 1.}', "configuration.json:1:22: expected a digit, got '1.'"],
    ['{"sleepTimeSeconds": 1e+}', "configuration.json:1:22: expected a digit, got '1e+'"],
    ['{"sleepTimeSeconds": -x}', `configuration.json:1:22: expected ${NOT_A_TOKEN}, got '-x'`],
    ['{"cluster": "pr\nod"}', `configuration.json:1:13: expected a closing quote, got '"pr'`],
    [
      '{"cluster": "a\\qb"}',
      `configuration.json:1:13: expected an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u), got '"a\\qb"'`,
    ],
    ['{"cluster": "\\u12"}', `configuration.json:1:13: expected four hex digits after \\u, got '"\\u12"'`],
    ['{"cluster": "prod"', "configuration.json:1:19: expected ',' or '}', got the end of the file"],
    ['{"cluster": "prod', `configuration.json:1:13: expected a closing quote, got '"prod'`],
    ['{} {}', "configuration.json:1:4: expected the end of the file after the value, got '{'"],
    ["{'cluster': 1}", `configuration.json:1:2: expected ${NOT_A_TOKEN}, got "'"`],
    ['{"cluster": "prod"} // prod', "configuration.json:1:21: expected no comment (JSON has none), got '/'"],
  ];
  for (const [text, expected] of cases) t.is(message(text), expected, text);
});

test('lines are counted across CRLF line ends and columns in characters, not UTF-16 units', (t) => {
  t.deepEqual(textPosition('{\r\n "é😀": 1 x', 13), { line: 2, column: 10 });
  t.is(message('{\r\n "é😀": 1 x}'), `configuration.json:2:10: expected ${NOT_A_TOKEN}, got 'x'`);
});

test("nesting deep enough to exhaust the locator's stack falls back to what JSON.parse said", (t) => {
  const text = '['.repeat(1_000_000);
  t.notThrows(() => jsonSyntaxError(text));
  t.is(jsonSyntaxError(text), undefined);
  t.regex(message(text), /^configuration\.json: expected valid JSON, got .+/);
  t.is(jsonSyntaxError('['.repeat(200))?.offset, 200);
});

/** Valid JSON texts, each with one character removed, replaced or added somewhere. */
const nearlyJson = fc
  .tuple(
    fc.json(),
    fc.nat(),
    fc.constantFrom('', ',', '}', ']', '"', ':', '0', '.', 'e', '-', ' ', '\n', '\\', 'x'),
    fc.boolean(),
  )
  .map(([json, at, c, replace]) => {
    const i = json.length === 0 ? 0 : at % (json.length + 1);
    return `${json.slice(0, i)}${c}${json.slice(replace ? i + 1 : i)}`;
  });

test('jsonc-parser, as configured, finds an error exactly when JSON.parse refuses the text', (t) => {
  const parses = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  fc.assert(
    fc.property(
      fc.oneof(nearlyJson, fc.json(), fc.string()),
      (text) => parses(text) === (jsonSyntaxError(text) === undefined),
    ),
    { numRuns: 5000 },
  );
  t.pass();
});

test('the place of an error is never past the end, and the text before it is a valid start of JSON', (t) => {
  fc.assert(
    fc.property(nearlyJson, (text) => {
      const error = jsonSyntaxError(text);
      if (error === undefined) return true;
      // Everything before the error scans up to the end, where more text could still have made it valid.
      const before = jsonSyntaxError(text.slice(0, error.offset));
      return error.offset <= text.length && (before === undefined || before.offset === error.offset);
    }),
    { numRuns: 3000 },
  );
  t.pass();
});
