import { cpus, platform, release, totalmem } from 'node:os';

/** The machine a figure was measured on, as one line under each table. */
export const describeMachine = (): string => {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  const memory = Math.round(totalmem() / 2 ** 30);
  return `Machine: ${model}, ${cores.length} cores, ${memory} GiB, ${platform()} ${release()}, Node ${process.version}.`;
};
