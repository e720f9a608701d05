import { fileURLToPath } from 'node:url';
import { imageEnv, imageNodeArgs, nodeOfLine, nodeVersion } from './image-runtime.js';

/** The built command, as an operator runs it from the package. */
const STATIKA_BIN = fileURLToPath(new URL('../../bin/statika.js', import.meta.url));
/** The bundle the container image ships (`pnpm --filter @statika/agent run bundle`). */
const STATIKA_BUNDLE = fileURLToPath(new URL('../../dist/bundle/statika.mjs', import.meta.url));

/** One way of running the agent, and the goals it is held to (issue 11: the image's entry on Node 24). */
export interface ProcessVariant {
  /** What runs, for the table: the entry and the Node. */
  readonly agent: string;
  readonly node: string;
  readonly entry: string;
  /** Node's options before the entry: the image's ENTRYPOINT flags, for the bundle. */
  readonly nodeArgs: readonly string[];
  /** On top of the bench's own environment: the image's NODE_OPTIONS and malloc settings, for the bundle. */
  readonly env: Readonly<Record<string, string>>;
  readonly services: number;
  readonly sleepTimeSeconds: number;
  /** The local watch: the ECS agent polled every second, or driven by (a steady host's) Docker events. */
  readonly localWatch: 'poll' | 'docker-events';
  readonly goals: { readonly peakRssMB?: number; readonly cpuPercent?: number };
}

/**
 * The rows of the table: `bin/statika.js` on the Node that runs the bench (2 and 100 services), and the
 * image's bundle on Node 24 (from the npm registry, see scripts/node-line.mjs) with the image's environment
 * (read from the Dockerfile): 2 services at a 10 s resync with either local watch, 100 services at 10 s and
 * 2 at 2 s with the Docker events (the goals of issue 11).
 */
export const processVariants = (): ProcessVariant[] => {
  const node24 = nodeOfLine('24');
  const bin = (services: number): ProcessVariant => ({
    agent: `bin/statika.js, Node ${process.version}`,
    node: process.execPath,
    entry: STATIKA_BIN,
    nodeArgs: [],
    env: {},
    services,
    sleepTimeSeconds: 10,
    localWatch: 'poll',
    goals: { cpuPercent: 0.1 },
  });
  const bundle = (
    services: number,
    sleepTimeSeconds: number,
    localWatch: ProcessVariant['localWatch'],
    goals: ProcessVariant['goals'],
  ): ProcessVariant => ({
    agent: `image bundle, Node ${nodeVersion(node24)}, image env`,
    node: node24,
    entry: STATIKA_BUNDLE,
    nodeArgs: imageNodeArgs(),
    env: imageEnv(),
    services,
    sleepTimeSeconds,
    localWatch,
    goals,
  });
  return [
    bin(2),
    bin(100),
    bundle(2, 10, 'poll', { peakRssMB: 72, cpuPercent: 0.1 }),
    bundle(2, 10, 'docker-events', { peakRssMB: 72, cpuPercent: 0.1 }),
    bundle(100, 10, 'docker-events', { peakRssMB: 80 }),
    bundle(2, 2, 'docker-events', { cpuPercent: 1 }),
  ];
};
