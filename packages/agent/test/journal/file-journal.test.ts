import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instanceId, loadBalancerName, type ReplaceListeners } from '@statika/core';
import test from 'ava';
import { createFileJournal } from '../../src/journal/file-journal.js';

const replacement = (lb: string, instancePort = 32768): ReplaceListeners => ({
  type: 'replaceListeners',
  serviceName: `${lb}-service`,
  loadBalancerName: loadBalancerName(lb),
  remove: [{ protocol: 'HTTP', loadBalancerPort: 80, instancePort: 31000, policyNames: [] }],
  create: [
    { protocol: 'HTTP', loadBalancerPort: 80, instancePort, policyNames: ['p'], instanceProtocol: 'HTTP' },
  ],
});

const tempDir = async (t: { teardown: (f: () => Promise<void>) => void }): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'statika-journal-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

test('a recorded replacement reads back as it was written', async (t) => {
  const dir = await tempDir(t);
  const journal = createFileJournal(dir);
  await journal.record(replacement('web-lb'));
  t.deepEqual(await journal.entries(), [replacement('web-lb')]);
});

test('the writer of the policy record reads back; an entry written before it existed still reads', async (t) => {
  const dir = await tempDir(t);
  const journal = createFileJournal(dir);
  const written = { ...replacement('web-lb'), writer: instanceId('i-0a') };
  await journal.record(written);
  t.deepEqual(await journal.entries(), [written]);
  const older = { version: 1, action: replacement('api-lb') };
  await writeFile(join(dir, 'api-lb.json'), JSON.stringify(older));
  t.deepEqual(
    (await journal.entries()).find((e) => e.loadBalancerName === 'api-lb'),
    replacement('api-lb'),
  );
});

test('a new journal on the same directory sees what an earlier process recorded (it survives a restart)', async (t) => {
  const dir = await tempDir(t);
  await createFileJournal(dir).record(replacement('web-lb'));
  t.deepEqual(await createFileJournal(dir).entries(), [replacement('web-lb')]);
});

test('writes go through a temporary file renamed into place: no temporary file is left behind', async (t) => {
  const dir = await tempDir(t);
  const journal = createFileJournal(dir);
  await journal.record(replacement('web-lb'));
  await journal.record(replacement('web-lb', 32770));
  t.deepEqual(await readdir(dir), ['web-lb.json']);
  t.deepEqual(await journal.entries(), [replacement('web-lb', 32770)]);
});

test('a temporary file left by a crash mid-write is ignored', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'web-lb.json.tmp'), '{"version": 1, "act');
  t.deepEqual(await createFileJournal(dir).entries(), []);
});

test('clear removes only that load balancer entry, and clearing twice is not an error', async (t) => {
  const dir = await tempDir(t);
  const journal = createFileJournal(dir);
  await journal.record(replacement('web-lb'));
  await journal.record(replacement('api-lb'));
  await journal.clear(replacement('web-lb'));
  await journal.clear(replacement('web-lb'));
  t.deepEqual(await journal.entries(), [replacement('api-lb')]);
});

test('entries come back oldest first, whatever their names', async (t) => {
  const dir = await tempDir(t);
  const journal = createFileJournal(dir);
  await journal.record(replacement('b-lb'));
  await journal.record(replacement('a-lb'));
  await utimes(join(dir, 'b-lb.json'), 1000, 1000);
  await utimes(join(dir, 'a-lb.json'), 2000, 2000);
  t.deepEqual(
    (await journal.entries()).map((e) => e.loadBalancerName),
    ['b-lb', 'a-lb'],
  );
});

test('a missing directory is an empty journal, and the first record creates it', async (t) => {
  const dir = join(await tempDir(t), 'state', 'nested');
  const journal = createFileJournal(dir);
  t.deepEqual(await journal.entries(), []);
  await journal.record(replacement('web-lb'));
  t.is((await journal.entries()).length, 1);
});

test('a corrupt file is reported and set aside, not fatal; the other entries still read', async (t) => {
  const dir = await tempDir(t);
  const reported: string[] = [];
  const journal = createFileJournal(dir, (file) => reported.push(file));
  await journal.record(replacement('api-lb'));
  await writeFile(join(dir, 'web-lb.json'), '{"version": 1, "action": {"type": "register"}}');
  await writeFile(join(dir, 'db-lb.json'), 'not json at all');
  t.deepEqual(await journal.entries(), [replacement('api-lb')]);
  t.deepEqual(reported.sort(), [join(dir, 'db-lb.json'), join(dir, 'web-lb.json')]);
  t.deepEqual((await readdir(dir)).sort(), ['api-lb.json', 'db-lb.json.corrupt', 'web-lb.json.corrupt']);
  t.deepEqual(await journal.entries(), [replacement('api-lb')]);
  t.is(reported.length, 2);
});

test('the file holds a versioned entry an operator can read', async (t) => {
  const dir = await tempDir(t);
  await createFileJournal(dir).record(replacement('web-lb'));
  const json = JSON.parse(await readFile(join(dir, 'web-lb.json'), 'utf8'));
  t.is(json.version, 1);
  t.is(json.action.loadBalancerName, 'web-lb');
});
