import type { Actuator, FileSource, Observer } from '@statika/aws';
import { applyAction } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { asyncScheduler } from 'rxjs';
import type { AgentDependencies, Logger } from '../../src/agent-dependencies.js';
import { createMemoryJournal } from '../../src/journal/memory-journal.js';
import { describeCall, type FakeWorld } from './fixtures.js';

/** A logger that keeps its lines, for tests that check what the agent logs. */
export const recordingLogger = (lines: string[] = []): Logger => {
  const log = (level: string) => (_obj: object, msg?: string) => {
    lines.push(`${level} ${msg ?? ''}`);
  };
  const logger: Logger = {
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    debug: log('debug'),
    child: () => logger,
  };
  return logger;
};

/** The fake world behind the Promise-based contracts the aws package implements. */
export const fakeDependencies = (
  world: FakeWorld,
  overrides: Partial<AgentDependencies> = {},
): AgentDependencies => {
  const configurationSource: FileSource = {
    url: 'configuration.json',
    read: async () => world.configuration,
  };
  const servicesSource: FileSource = { url: 'services.json', read: async () => world.services };
  const observer: Observer = {
    observe: async () => {
      world.calls.push('observe');
      const error = world.failObserve?.();
      return error === undefined ? E.right(world.observation) : E.left(error);
    },
    describeLoadBalancers: async (names) => {
      world.calls.push('describeLoadBalancers');
      const loadBalancers = world.observation.loadBalancers.filter((lb) => names.includes(lb.name));
      return E.right({
        loadBalancers,
        missing: names.filter((n) => !loadBalancers.some((lb) => lb.name === n)),
      });
    },
    describeTasks: async (_cluster, arns) => {
      world.calls.push('describeTasks');
      return E.right(world.observation.tasks.filter((task) => arns.includes(task.taskArn)));
    },
  };
  const actuator: Actuator = {
    apply: async (action, hooks) => {
      if (action.type === 'replaceListeners' && action.remove.length > 0) await hooks?.beforeDelete?.(action);
      world.calls.push(describeCall(action));
      const error = world.failApply?.(action);
      if (error !== undefined) return E.left(error);
      world.observation = applyAction(world.observation, action);
      return E.right({ type: 'applied' });
    },
  };
  return {
    configurationSource,
    servicesSource,
    observer,
    actuator,
    identity: async () => world.identity,
    journal: createMemoryJournal(),
    scheduler: asyncScheduler,
    logger: recordingLogger(),
    random: () => 0.5,
    ...overrides,
  };
};
