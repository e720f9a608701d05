import { decodeConfigurationFile, decodeServicesFile, type PlanResult } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import type { ReconcileTrigger } from '../../src/agent-event.js';
import { advance } from '../../src/pipeline/advance.js';
import { type ControllerState, type FileState, initialState } from '../../src/pipeline/controller-state.js';
import type { BackoffKey, Progress } from '../../src/pipeline/progress.js';
import { outcomeOf } from '../../src/pipeline/reload-files.js';
import { configurationText, fileRead, identity, servicesText } from './fixtures.js';
import { summary } from './timeline.js';

/** Test fixtures of the stages: states built by the controller's own fold, from progress. */

/** The state the fold leaves after these pieces of progress, from the start. */
export const stateAfter = (progress: readonly Progress[]): ControllerState =>
  progress.reduce(advance, initialState('configuration.json', 'services.json'));

const unread = <A>(url: string): FileState<A> => ({
  url,
  loaded: undefined,
  error: undefined,
  failure: undefined,
});

/** Both files read and loaded, as `reloadFiles` reports them. */
export const filesLoaded = (services = servicesText, configuration = configurationText()): Progress[] => [
  {
    type: 'file',
    at: 0,
    file: 'configuration',
    url: 'configuration.json',
    outcome: outcomeOf(fileRead(configuration), unread('configuration.json'), decodeConfigurationFile),
  },
  {
    type: 'file',
    at: 0,
    file: 'services',
    url: 'services.json',
    outcome: outcomeOf(fileRead(services), unread('services.json'), decodeServicesFile),
  },
];

export const tick = (trigger: ReconcileTrigger, at = 0): Progress => ({ type: 'tick', trigger, at });

export const identified: Progress = { type: 'identity', at: 0, result: E.right(identity) };

export const backingOffUntil = (key: BackoffKey, retryAt: number): Progress => ({
  type: 'backoff',
  key,
  backoff: { attempt: 1, retryAt },
});

export const planned = (plan: PlanResult): Progress => ({ type: 'planned', at: 0, plan });

/** A reconcile of `trigger` under way, with both files in force and the identity known. */
export const readyState = (trigger: ReconcileTrigger, more: readonly Progress[] = []): ControllerState =>
  stateAfter([...filesLoaded(), identified, tick(trigger), ...more]);

/** One line for a piece of progress, as in the controller's timelines (or its type, where those say nothing). */
export const line = (p: Progress): string => summary(p) ?? p.type;
