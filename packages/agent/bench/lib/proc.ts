import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (`getconf CLK_TCK`; 100 on Linux). */
export const CLOCK_TICKS = 100;

const fieldOf = (text: string, field: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN);
};

/** A field of /proc/<pid>/status in KiB (VmHWM: the peak resident set). */
export const procStatus = (pid: number, field: string): number =>
  fieldOf(readFileSync(`/proc/${pid}/status`, 'utf8'), field);

/** A field of /proc/<pid>/smaps_rollup in KiB (Anonymous: the private memory no file backs). */
export const procSmaps = (pid: number, field: string): number =>
  fieldOf(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), field);

/** utime + stime of the process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
export const cpuTicks = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
