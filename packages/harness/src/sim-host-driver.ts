import type { ForwardingRule } from '@statika/core';
import { createFakeHostDriver, type HostDriver } from '@statika/host';
import type { World } from '@statika/sim';
import * as E from 'fp-ts/lib/Either.js';

/**
 * A simulated host's kernel rules: a host driver (the fake one by default, or a real one in a network
 * namespace) whose rules the sim's host also follows, so that the simulated load balancer's health
 * checks and traffic probe reach a node port's task.
 */
export const simHostDriver = (
  world: World,
  instanceId: string,
  kernel: HostDriver = createFakeHostDriver(),
): HostDriver => {
  const mirror = (rules: readonly ForwardingRule[]) =>
    world.setPortForwards(
      instanceId,
      rules.map((r) => ({ port: r.nodePort, to: r.hostPort })),
    );
  return {
    readRules: () => kernel.readRules(),
    replaceRules: async (rules) => {
      const result = await kernel.replaceRules(rules);
      if (E.isRight(result)) mirror(rules);
      return result;
    },
    removeTable: async () => {
      const result = await kernel.removeTable();
      if (E.isRight(result)) mirror([]);
      return result;
    },
  };
};
