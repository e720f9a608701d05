import type { FileProblem } from './file-problem.js';

/**
 * One line for an operator: `services.json: services[2].loadBalancerName: expected a non-empty string, got 42`.
 * A problem with the whole file has no path; a syntax error is placed as editors and compilers do:
 * `configuration.json:3:5: expected ',' between values, got '"sleepTimeSeconds"'`.
 */
export const formatProblem = (p: FileProblem): string => {
  const where =
    p.at !== undefined
      ? `${p.file}:${p.at.line}:${p.at.column}`
      : p.path === ''
        ? p.file
        : `${p.file}: ${p.path}`;
  const what = p.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${what}expected ${p.expected}, got ${p.got}`;
};
