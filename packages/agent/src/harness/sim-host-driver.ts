import { createFakeHostDriver, type HostDriver } from '@statika/host';
import type { World } from '@statika/sim';
import * as E from 'fp-ts/lib/Either.js';

/**
 * A simulated host's kernel rules: the fake host driver, whose rules the sim's host also follows, so
 * that the simulated load balancer's health checks and traffic probe reach a node port's task.
 */
export const simHostDriver = (world: World, instanceId: string): HostDriver => {
  const kernel = createFakeHostDriver();
  const mirror = () =>
    world.setPortForwards(
      instanceId,
      kernel.rules().map((r) => ({ port: r.nodePort, to: r.hostPort })),
    );
  return {
    readRules: () => kernel.readRules(),
    replaceRules: async (rules) => {
      const result = await kernel.replaceRules(rules);
      if (E.isRight(result)) mirror();
      return result;
    },
    removeTable: async () => {
      const result = await kernel.removeTable();
      if (E.isRight(result)) mirror();
      return result;
    },
  };
};
