import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { compareCodeUnits, type ReplaceListeners } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import type { Journal } from './journal.js';
import { JournalEntry, journalEntry } from './journal-entry.js';

const SUFFIX = '.json';

/** Told about a journal file that cannot be read back; the file is moved aside to `<name>.corrupt`. */
export type CorruptJournalFile = (file: string, message: string) => void;

/**
 * A journal on disk: one file per load balancer under `dir`. A record is written to a temporary file,
 * fsynced, renamed over the entry and the directory fsynced, so after a crash an entry is either the old
 * one or the new one, never half written. A corrupt file is reported and set aside, never fatal: the
 * worst it costs is a listener the next plan does not know it should recreate.
 */
export const createFileJournal = (dir: string, onCorrupt: CorruptJournalFile = () => {}): Journal => {
  const fileOf = (action: ReplaceListeners) =>
    join(dir, `${encodeURIComponent(action.loadBalancerName)}${SUFFIX}`);

  const readEntry = async (
    file: string,
  ): Promise<{ action: ReplaceListeners; mtimeMs: number } | undefined> => {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    const decoded = parseEntry(text);
    if (decoded !== undefined) return { action: decoded.action, mtimeMs: info.mtimeMs };
    onCorrupt(file, 'not a journal entry (unreadable JSON or unknown shape)');
    await rename(file, `${file}.corrupt`);
    return undefined;
  };

  return {
    entries: async () => {
      const names = await readdirIfExists(dir);
      const read = await Promise.all(
        names
          .filter((n) => n.endsWith(SUFFIX))
          .map(async (n) => ({ name: n, entry: await readEntry(join(dir, n)) })),
      );
      return read
        .flatMap(({ name, entry }) => (entry === undefined ? [] : [{ name, ...entry }]))
        .sort((a, b) => a.mtimeMs - b.mtimeMs || compareCodeUnits(a.name, b.name))
        .map((e) => e.action);
    },
    record: async (action) => {
      await mkdir(dir, { recursive: true });
      const file = fileOf(action);
      await writeDurably(`${file}.tmp`, `${JSON.stringify(journalEntry(action))}\n`);
      await rename(`${file}.tmp`, file);
      await syncDirectory(dir);
    },
    clear: async (action) => {
      const removed = await unlink(fileOf(action)).then(
        () => true,
        (e: unknown) => {
          if (isNotFound(e)) return false;
          throw e;
        },
      );
      if (removed) await syncDirectory(dir);
    },
  };
};

const parseEntry = (text: string): JournalEntry | undefined => {
  try {
    const decoded = JournalEntry.decode(JSON.parse(text));
    return E.isRight(decoded) ? decoded.right : undefined;
  } catch {
    return undefined;
  }
};

const writeDurably = async (file: string, text: string): Promise<void> => {
  const handle = await open(file, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** A rename is durable only once the directory holding it is. */
const syncDirectory = async (dir: string): Promise<void> => {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

const readdirIfExists = (dir: string): Promise<string[]> =>
  readdir(dir).catch((e: unknown) => {
    if (isNotFound(e)) return [];
    throw e;
  });

const isNotFound = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === 'ENOENT';
