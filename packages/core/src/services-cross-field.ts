import type { FileProblem } from './file-problem.js';
import { fileError } from './file-problem.js';
import { isJsonObject } from './json-object.js';
import { fieldPath, indexPath } from './json-path.js';

/** Values seen more than once, each with every path where it appears. */
const duplicates = <K>(
  entries: readonly (readonly [K, string])[],
): readonly (readonly [K, readonly string[]])[] => {
  const paths = new Map<K, string[]>();
  for (const [key, path] of entries) paths.set(key, [...(paths.get(key) ?? []), path]);
  return [...paths].filter(([, ps]) => ps.length > 1);
};

/**
 * Rules across entries of the services file, checked on the raw JSON so that they are reported together
 * with the codec's own problems: two services naming one load balancer would fight over its listeners;
 * two explicit listeners on one load balancer port cannot both exist; two services on one node port
 * would need one kernel rule to forward to two tasks; and a node-port service forwards one port, so its
 * explicit listeners may name only one container port.
 */
export const servicesCrossFieldProblems = (
  json: unknown,
  file: string,
  root: string,
): readonly FileProblem[] => {
  if (!Array.isArray(json)) return [];
  const loadBalancers = json.flatMap((entry, i) =>
    isJsonObject(entry) && typeof entry.loadBalancerName === 'string' && entry.loadBalancerName.trim() !== ''
      ? [[entry.loadBalancerName, fieldPath(indexPath(root, i), 'loadBalancerName')] as const]
      : [],
  );
  const sharedLoadBalancers = duplicates(loadBalancers).flatMap(([name, paths]) =>
    paths.map((path) =>
      fileError(file, path, `a load balancer no other service names (also at ${others(paths, path)})`, name),
    ),
  );
  const listenerPorts = json.flatMap((entry, i) =>
    isJsonObject(entry)
      ? duplicateListenerPorts(entry.listeners, fieldPath(indexPath(root, i), 'listeners'), file)
      : [],
  );
  return [
    ...sharedLoadBalancers,
    ...listenerPorts,
    ...sharedNodePorts(json, file, root),
    ...nodePortListeners(json, file, root),
  ];
};

const sharedNodePorts = (json: readonly unknown[], file: string, root: string): readonly FileProblem[] => {
  const nodePorts = json.flatMap((entry, i) =>
    isJsonObject(entry) && typeof entry.nodePort === 'number'
      ? [[entry.nodePort, fieldPath(indexPath(root, i), 'nodePort')] as const]
      : [],
  );
  return duplicates(nodePorts).flatMap(([port, paths]) =>
    paths.map((path) =>
      fileError(file, path, `a nodePort no other service uses (also at ${others(paths, path)})`, port),
    ),
  );
};

const nodePortListeners = (json: readonly unknown[], file: string, root: string): readonly FileProblem[] =>
  json.flatMap((entry, i) => {
    if (!isJsonObject(entry) || typeof entry.nodePort !== 'number' || !Array.isArray(entry.listeners))
      return [];
    const containerPorts = new Set(
      entry.listeners.flatMap((l) =>
        isJsonObject(l) && typeof l.containerPort === 'number' ? [l.containerPort] : [],
      ),
    );
    return containerPorts.size > 1
      ? [
          fileError(
            file,
            fieldPath(indexPath(root, i), 'listeners'),
            'listeners naming one containerPort (with nodePort, one port is forwarded)',
            [...containerPorts],
          ),
        ]
      : [];
  });

const duplicateListenerPorts = (listeners: unknown, path: string, file: string): readonly FileProblem[] => {
  if (!Array.isArray(listeners)) return [];
  const ports = listeners.flatMap((l, i) =>
    isJsonObject(l) && typeof l.loadBalancerPort === 'number'
      ? [[l.loadBalancerPort, fieldPath(indexPath(path, i), 'loadBalancerPort')] as const]
      : [],
  );
  return duplicates(ports).flatMap(([port, paths]) =>
    paths.map((p) =>
      fileError(file, p, `a loadBalancerPort listed once (also at ${others(paths, p)})`, port),
    ),
  );
};

const others = (paths: readonly string[], path: string): string => paths.filter((p) => p !== path).join(', ');
