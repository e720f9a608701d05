import type { AgentStatus } from '../agent-status.js';
import { type ControllerState, specOf } from './controller-state.js';

/** The public view of the controller's state: what `/status`, `/readyz` and `/healthz` read. */
export const agentStatusOf = (state: ControllerState): AgentStatus => {
  const sleepTimeSeconds = state.configurationFile.loaded?.value.sleepTimeSeconds;
  return {
    lastTickAt: state.lastTickAt,
    resyncIntervalMs: sleepTimeSeconds === undefined ? undefined : sleepTimeSeconds * 1000,
    ready:
      specOf(state) !== undefined &&
      state.lastObservation !== undefined &&
      state.lastObservation.error === undefined,
    identity:
      state.identity === undefined
        ? undefined
        : {
            instanceId: state.identity.instanceId,
            containerInstanceArn: state.identity.containerInstanceArn,
            source: state.identity.source,
          },
    files: [state.configurationFile, state.servicesFile].map((f) => ({
      url: f.url,
      loadedAt: f.loaded?.loadedAt,
      error: f.error,
    })),
    lastObservation: state.lastObservation,
    services: state.reports,
  };
};
