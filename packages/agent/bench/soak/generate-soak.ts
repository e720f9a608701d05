import { seededRandom } from '@statika/sim';
import {
  type BadContent,
  FAULT_OPERATIONS,
  type SoakEvent,
  type SoakFile,
  type SoakStep,
} from './soak-event.js';

export interface SoakPlanOptions {
  readonly seed: number;
  /** Events to generate (quiet periods come on top). */
  readonly events: number;
  /** Service names with the desired count each starts with. */
  readonly services: readonly { readonly serviceName: string; readonly desiredCount: number }[];
  readonly hosts: readonly string[];
  /** Number of agents (one per host). */
  readonly agents: number;
  /** A quiet period after this many events (and one before the first and after the last). Default 50. */
  readonly quietEvery?: number;
}

/** The cluster as the generator tracks it, so that each event makes sense where it comes (no drain of the last host). */
interface GeneratorState {
  readonly scaledDown: Set<string>;
  readonly crashLooping: Set<string>;
  drained: string | undefined;
  readonly dead: Set<number>;
  killArmed: boolean;
  readonly faulted: Set<string>;
  readonly badFiles: Set<SoakFile>;
}

const freshState = (): GeneratorState => ({
  scaledDown: new Set(),
  crashLooping: new Set(),
  drained: undefined,
  dead: new Set(),
  killArmed: false,
  faulted: new Set(),
  badFiles: new Set(),
});

interface Choice {
  readonly weight: number;
  readonly make: () => SoakEvent;
}

const BAD_CONTENTS: readonly BadContent[] = ['invalid-json', 'wrong-types', 'access-denied'];

/**
 * The whole soak as a list of steps, from the seed alone: the same seed gives the same steps. Events are
 * drawn by weight among those that make sense in the tracked state (deploys and crashes most often; every
 * kind of fault regularly); gaps are 0-4 s of virtual time, with an occasional longer pause.
 */
export const generateSoak = (options: SoakPlanOptions): SoakStep[] => {
  const random = seededRandom(options.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random.next() * (hi - lo + 1));
  const pick = <A>(items: readonly A[]): A => items[Math.floor(random.next() * items.length)]!;
  const names = options.services.map((s) => s.serviceName);
  const desired = new Map(options.services.map((s) => [s.serviceName, s.desiredCount]));
  const quietEvery = options.quietEvery ?? 50;
  const agents = Array.from({ length: options.agents }, (_, i) => i);
  let state = freshState();

  const choices = (): Choice[] => {
    const up = names.filter((n) => !state.scaledDown.has(n));
    const alive = agents.filter((a) => !state.dead.has(a));
    const faultKinds = (): SoakEvent => {
      const operation = pick(FAULT_OPERATIONS);
      state.faulted.add(operation);
      const rate = Math.round((0.2 + 0.8 * random.next()) * 100) / 100;
      const kind = int(0, 2);
      const fault =
        kind === 0 ? { throttleRate: rate } : kind === 1 ? { errorRate: rate } : { failNext: int(1, 5) };
      return { type: 'fault', operation, fault };
    };
    const all: (Choice | false)[] = [
      up.length > 0 && { weight: 20, make: () => ({ type: 'deploy', service: pick(up) }) },
      up.length > 0 && {
        weight: 10,
        make: () => ({ type: 'stopTask', service: pick(up), pick: random.next() }),
      },
      state.crashLooping.size < 2 &&
        up.length > 0 && {
          weight: 2,
          make: () => {
            const service = pick(up);
            state.crashLooping.add(service);
            return { type: 'crashLoop', service, on: true };
          },
        },
      state.crashLooping.size > 0 && {
        weight: 5,
        make: () => {
          const service = pick([...state.crashLooping]);
          state.crashLooping.delete(service);
          return { type: 'crashLoop', service, on: false };
        },
      },
      up.length > 1 && {
        weight: 4,
        make: () => {
          const service = pick(up);
          state.scaledDown.add(service);
          return { type: 'scale', service, desiredCount: 0 };
        },
      },
      state.scaledDown.size > 0 && {
        weight: 6,
        make: () => {
          const service = pick([...state.scaledDown]);
          state.scaledDown.delete(service);
          return { type: 'scale', service, desiredCount: desired.get(service) ?? 1 };
        },
      },
      state.drained === undefined &&
        options.hosts.length > 1 && {
          weight: 2,
          make: () => {
            const host = pick(options.hosts);
            state.drained = host;
            return { type: 'drain', host };
          },
        },
      state.drained !== undefined && {
        weight: 5,
        make: () => {
          const host = state.drained!;
          state.drained = undefined;
          return { type: 'activate', host };
        },
      },
      alive.length > 0 && {
        weight: 3,
        make: () => {
          const agent = pick(alive);
          state.dead.add(agent);
          return { type: 'killAgent', agent };
        },
      },
      !state.killArmed && {
        weight: 3,
        make: () => {
          state.killArmed = true;
          return { type: 'killOnNextDelete' };
        },
      },
      (state.dead.size > 0 || state.killArmed) && {
        weight: 6,
        make: () => {
          // An armed kill may have fired on any agent: restarting one that runs is a kill and a restart.
          const agent = state.dead.size > 0 && random.next() < 0.7 ? pick([...state.dead]) : pick(agents);
          state.dead.delete(agent);
          return { type: 'restartAgent', agent };
        },
      },
      { weight: 8, make: faultKinds },
      state.faulted.size > 0 && {
        weight: 10,
        make: () => {
          const operation = pick([...state.faulted]);
          state.faulted.delete(operation);
          return { type: 'clearFault', operation };
        },
      },
      { weight: 2, make: () => ({ type: 'failCreateAfterDelete', times: int(1, 3) }) },
      state.badFiles.size < 2 && {
        weight: 3,
        make: () => {
          const file: SoakFile = random.next() < 0.6 ? 'services' : 'configuration';
          state.badFiles.add(file);
          return { type: 'badFile', file, content: pick(BAD_CONTENTS) };
        },
      },
      state.badFiles.size > 0 && {
        weight: 6,
        make: () => {
          const file = pick([...state.badFiles]);
          state.badFiles.delete(file);
          return { type: 'restoreFile', file };
        },
      },
    ];
    return all.filter((c): c is Choice => c !== false);
  };

  const nextEvent = (): SoakEvent => {
    const available = choices();
    let roll = random.next() * available.reduce((total, c) => total + c.weight, 0);
    for (const choice of available) {
      roll -= choice.weight;
      if (roll < 0) return choice.make();
    }
    return available[available.length - 1]!.make();
  };

  const steps: SoakStep[] = [{ kind: 'quiet' }];
  for (let index = 0; index < options.events; index++) {
    const afterMs = random.next() < 0.05 ? int(10_000, 40_000) : int(0, 4000);
    steps.push({ kind: 'event', index, afterMs, event: nextEvent() });
    if ((index + 1) % quietEvery === 0 || index === options.events - 1) {
      steps.push({ kind: 'quiet' });
      // A quiet period clears faults, files, crash loops and dead agents; scale and drains stay as they are.
      state = { ...freshState(), scaledDown: state.scaledDown, drained: state.drained };
    }
  }
  return steps;
};
