import test from 'ava';
import { intOption, parseArgs } from '../../bench/lib/args.js';
import { maximum, median, show } from '../../bench/lib/stats.js';
import { formatTable } from '../../bench/lib/table.js';

test('a table prints as Markdown, numbers right-aligned, with its notes under it', (t) => {
  const text = formatTable({
    title: 'Calls',
    columns: ['case', 'calls'],
    rows: [
      ['steady', 6],
      ['change', 12.5],
    ],
    notes: ['Rerun: pnpm bench'],
  });
  t.is(
    text,
    [
      '### Calls',
      '',
      '| case   | calls |',
      '|--------|------:|',
      '| steady |     6 |',
      '| change | 12.50 |',
      '',
      '- Rerun: pnpm bench',
      '',
    ].join('\n'),
  );
});

test('median of an odd and an even sample, none of an empty one', (t) => {
  t.is(median([3, 1, 2]), 2);
  t.is(median([4, 1, 3, 2]), 2.5);
  t.is(median([]), undefined);
  t.is(maximum([1, 5, 2]), 5);
  t.is(show(undefined), '-');
  t.is(show(1.234, 1, ' s'), '1.2 s');
});

test('options: values, flags, `=` and the `--` pnpm passes through', (t) => {
  const options = parseArgs(['--', '--events', '1000', '--seed=7', '--verbose']);
  t.is(intOption(options, 'events', 10), 1000);
  t.is(intOption(options, 'seed', 1), 7);
  t.is(options.get('verbose'), 'true');
  t.is(intOption(options, 'missing', 3), 3);
  t.throws(() => intOption(parseArgs(['--events', 'many']), 'events', 1), { message: /--events: expected/ });
});
