import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const SYSTEM_STATE_DIR = '/var/lib/statika';

/** Whether the agent can keep its journal in `dir` (creating it if need be). */
export const isWritableDirectory = (dir: string): boolean => {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Where the journal lives: `STATIKA_STATE_DIR` when set, else `/var/lib/statika` when this process can
 * write there (a host install), else `./.statika` (a developer's checkout, a container without a volume).
 */
export const defaultStateDir = (
  env: Readonly<Record<string, string | undefined>>,
  writable: (dir: string) => boolean = isWritableDirectory,
  cwd: string = process.cwd(),
): string => {
  const explicit = env.STATIKA_STATE_DIR;
  if (explicit !== undefined && explicit !== '') return resolve(cwd, explicit);
  if (writable(SYSTEM_STATE_DIR)) return SYSTEM_STATE_DIR;
  return resolve(cwd, '.statika');
};
