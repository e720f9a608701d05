import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';

const SRC = new URL('../src/', import.meta.url).pathname;
const POLICY = new URL('../../../docs/iam-policy.json', import.meta.url).pathname;

/** The service prefix IAM uses for each SDK client the code imports commands from. */
const PREFIX: Readonly<Record<string, string>> = {
  '@aws-sdk/client-ecs': 'ecs',
  '@aws-sdk/client-elastic-load-balancing': 'elasticloadbalancing',
  '@aws-sdk/client-s3': 's3',
};

/** `ecs:DescribeTasks` for every `new DescribeTasksCommand(` in a file that imports it from a client. */
const actionsCalledBy = (source: string): string[] => {
  const actions: string[] = [];
  for (const [, names = '', from = ''] of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    const prefix = PREFIX[from];
    if (prefix === undefined) continue;
    for (const name of names.split(',').map((n) => n.replace(/^\s*type\s+/, '').trim())) {
      const command = /^(\w+)Command$/.exec(name)?.[1];
      if (command !== undefined && source.includes(`new ${name}(`)) actions.push(`${prefix}:${command}`);
    }
  }
  return actions;
};

interface Statement {
  readonly Effect: string;
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
}

test('the IAM policy allows exactly the actions the code calls', async (t) => {
  const files = (await readdir(SRC)).filter((f) => f.endsWith('.ts'));
  const called = new Set<string>();
  for (const file of files)
    for (const a of actionsCalledBy(await readFile(join(SRC, file), 'utf8'))) called.add(a);
  const policy = JSON.parse(await readFile(POLICY, 'utf8')) as { Version: string; Statement: Statement[] };
  const allowed = new Set(policy.Statement.flatMap((s) => s.Action));

  t.is(policy.Version, '2012-10-17');
  t.deepEqual(
    [...called].filter((a) => !allowed.has(a)),
    [],
    'called by the code but missing from the policy',
  );
  t.deepEqual(
    [...allowed].filter((a) => !called.has(a)),
    [],
    'in the policy but never called',
  );
  // Sanity: the scan found the calls (a scan that finds nothing would pass the two checks above).
  t.true(called.has('ecs:DescribeTasks') && called.has('elasticloadbalancing:CreateLoadBalancerListeners'));
  // The cluster-wide record of listener policies (docs/architecture.md) is the load balancer's tags.
  t.true(['AddTags', 'RemoveTags', 'DescribeTags'].every((a) => called.has(`elasticloadbalancing:${a}`)));
});

test('the IAM policy has one service per statement, all Allow', async (t) => {
  const policy = JSON.parse(await readFile(POLICY, 'utf8')) as { Statement: Statement[] };
  for (const statement of policy.Statement) {
    t.is(statement.Effect, 'Allow');
    t.is(new Set(statement.Action.map((a) => a.split(':')[0])).size, 1);
  }
});
