import { resyncInterval } from '@statika/core';
import { type ControllerState, specOf } from './controller-state.js';

/**
 * Milliseconds between resyncs for the state in force: the core's share of the fleet's API budget for
 * this host, from the last good observation; `sleepTimeSeconds` until there is one; nothing until a
 * configuration has loaded.
 */
export const resyncIntervalMs = (state: ControllerState, now: number): number | undefined => {
  const configuration = state.configurationFile.loaded?.value;
  if (configuration === undefined) return undefined;
  const spec = specOf(state);
  return spec === undefined || state.observation === undefined
    ? configuration.sleepTimeSeconds * 1000
    : resyncInterval(spec, state.observation, now).ms;
};
