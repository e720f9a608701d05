import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { parseRules, renderRemoval, renderRuleset } from '../src/index.js';

test('renders one transaction that recreates the table with a redirect per node port, in both chains', (t) => {
  t.is(
    renderRuleset([
      { nodePort: 30081, hostPort: 32770 },
      { nodePort: 30080, hostPort: 32768 },
    ]),
    [
      'table ip statika {}',
      'delete table ip statika',
      'table ip statika {',
      '  chain prerouting {',
      '    type nat hook prerouting priority -110; policy accept;',
      '    fib daddr type local tcp dport 30080 redirect to :32768',
      '    fib daddr type local tcp dport 30081 redirect to :32770',
      '  }',
      '  chain output {',
      '    type nat hook output priority -110; policy accept;',
      '    fib daddr type local tcp dport 30080 redirect to :32768',
      '    fib daddr type local tcp dport 30081 redirect to :32770',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
});

test('renders no rule as the table with empty chains', (t) => {
  t.false(renderRuleset([]).includes('redirect'));
  t.true(renderRuleset([]).includes('chain prerouting'));
});

test('the removal creates the table first, so it works whether or not the table exists', (t) => {
  t.is(renderRemoval(), 'table ip statika {}\ndelete table ip statika\n');
});

/** `nft -j list table ip statika` as nft 1.0.6 prints it for one rule. */
const listing = (expr: readonly unknown[], chain = 'prerouting') => ({
  nftables: [
    { metainfo: { version: '1.0.6', json_schema_version: 1 } },
    { table: { family: 'ip', name: 'statika', handle: 2 } },
    {
      chain: {
        family: 'ip',
        table: 'statika',
        name: 'prerouting',
        handle: 1,
        type: 'nat',
        hook: 'prerouting',
        prio: -110,
        policy: 'accept',
      },
    },
    { rule: { family: 'ip', table: 'statika', chain, handle: 3, expr } },
  ],
});
const fib = { match: { op: '==', left: { fib: { result: 'type', flags: ['daddr'] } }, right: 'local' } };
const dport = (port: number) => ({
  match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: port },
});

test('reads back the rules of the prerouting chain', (t) => {
  t.deepEqual(
    parseRules(listing([fib, dport(30080), { redirect: { port: 32768 } }])),
    E.right([{ nodePort: 30080, hostPort: 32768 }]),
  );
});

test('the output chain repeats the same rules and is not read twice', (t) => {
  t.deepEqual(parseRules(listing([fib, dport(30080), { redirect: { port: 32768 } }], 'output')), E.right([]));
});

test('skips a rule Statika did not write (the next change rewrites the table without it)', (t) => {
  t.deepEqual(parseRules(listing([dport(22), { accept: null }])), E.right([]));
});

test('an answer that is not an nft listing is an error', (t) => {
  t.true(E.isLeft(parseRules({ tables: [] })));
});
