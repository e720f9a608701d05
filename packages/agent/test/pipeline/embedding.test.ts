import { needsChange } from '@statika/core';
import test from 'ava';
import { asyncScheduler, filter, firstValueFrom } from 'rxjs';
import { type AgentEvent, createAgent, createMemoryJournal } from '../../src/index.js';
import { fakeWorld } from './fixtures.js';
import { fakeDependencies, recordingLogger } from './promise-fakes.js';

/**
 * The embedding example of the README, run against fakes of the aws contracts. In production the
 * sources, observer, actuator and identity come from @statika/aws, the journal from
 * `createFileJournal(defaultStateDir(process.env))` and the logger from pino.
 */
test('embedding: start an agent, watch it converge, stop it with deregistration', async (t) => {
  const world = fakeWorld();
  const { configurationSource, servicesSource, observer, actuator, identity } = fakeDependencies(world);

  const agent = createAgent({
    configurationSource,
    servicesSource,
    observer,
    actuator,
    identity,
    journal: createMemoryJournal(),
    scheduler: asyncScheduler,
    logger: recordingLogger(),
  });
  const events: AgentEvent[] = [];
  agent.events$.subscribe((event) => events.push(event));

  const converged = await firstValueFrom(
    agent.status$.pipe(
      filter((s) => s.services.length > 0 && s.services.every((service) => !needsChange(service))),
    ),
  );
  t.true(converged.ready);
  t.deepEqual(
    converged.services.map((s) => [s.serviceName, s.serving?.hostPort]),
    [
      ['web', 32768],
      ['api', 32769],
    ],
  );

  await agent.stop({ deregister: true });
  await agent.done;
  t.deepEqual(
    world.observation.loadBalancers.map((lb) => [lb.name, lb.instances]),
    [
      ['web-lb', []],
      ['api-lb', []],
    ],
  );
  t.deepEqual(
    events.filter((e) => e.type === 'reconcile').map((e) => e.type === 'reconcile' && e.trigger),
    ['startup', 'shutdown'],
  );
  t.is(agent.status().services.length, 2);
});

test('the status observable replays the latest status to a late subscriber', async (t) => {
  const agent = createAgent(fakeDependencies(fakeWorld()));
  await firstValueFrom(agent.events$.pipe(filter((e) => e.type === 'reconcile')));
  const latest = await firstValueFrom(agent.status$);
  t.is(latest, agent.status());
  t.true(latest.ready);
  await agent.stop();
});

test('stop before the first reconcile started still resolves, and stop twice is harmless', async (t) => {
  const agent = createAgent(fakeDependencies(fakeWorld()));
  await Promise.all([agent.stop(), agent.stop()]);
  await agent.done;
  t.pass();
});

test('a journaled replacement goes through the journal: recorded before the delete, cleared after', async (t) => {
  const world = fakeWorld();
  const journal = createMemoryJournal();
  const seen: string[] = [];
  const deps = fakeDependencies(world, { journal });
  const agent = createAgent({
    ...deps,
    actuator: {
      apply: async (action, hooks) => {
        const result = await deps.actuator.apply(action, hooks);
        const journaled = (await journal.entries()).map((e) => e.loadBalancerName);
        if (action.type === 'replaceListeners')
          seen.push(`${action.loadBalancerName}: ${journaled.includes(action.loadBalancerName)}`);
        return result;
      },
    },
  });
  await firstValueFrom(agent.events$.pipe(filter((e) => e.type === 'reconcile')));
  await agent.stop();
  t.deepEqual(seen.sort(), ['api-lb: true', 'web-lb: true']);
  t.deepEqual(await journal.entries(), []);
});
