import { createActuator, createAwsClients, createObserver } from '@statika/aws';
import { describeServiceStatus } from '@statika/core';
import { createNftDriver } from '@statika/host';
import * as E from 'fp-ts/lib/Either.js';
import type { Logger } from 'pino';
import { asyncScheduler } from 'rxjs';
import type { AgentDependencies } from '../agent-dependencies.js';
import type { AgentStatus } from '../agent-status.js';
import { createAgent } from '../create-agent.js';
import { startHttpServer } from '../http/http-server.js';
import type { ListenAddress } from '../http/listen-address.js';
import { defaultStateDir, isWritableDirectory } from '../journal/default-state-dir.js';
import { createFileJournal } from '../journal/file-journal.js';
import { createMemoryJournal } from '../journal/memory-journal.js';
import { logAgentEvent } from '../log/log-agent-event.js';
import { logServiceChanges } from '../log/log-service-changes.js';
import { type AgentMetrics, createAgentMetrics } from '../metrics/agent-metrics.js';
import { runOnce } from '../one-shot.js';
import {
  containerEvents$,
  createFileSources,
  dockerSocketPath,
  ecsAgentUrls,
  identityFrom,
  localTasksFrom,
} from './adapters.js';
import type { AgentSettings } from './agent-settings.js';
import type { CliContext } from './cli-context.js';
import { ExitCode } from './exit-code.js';
import { waitForStopSignal } from './stop-signal.js';

export interface RunAgentOptions {
  readonly settings: AgentSettings;
  readonly httpAddress: ListenAddress;
  readonly stateDir: string | undefined;
  /** `--docker-socket` or STATIKA_DOCKER_SOCKET: a path, `off`, or undefined for the default. */
  readonly dockerSocket: string | undefined;
  readonly once: boolean;
  readonly dryRun: boolean;
  readonly env: CliContext['env'];
  readonly logger: Logger;
  /** Prints a one-line message and returns exit code 2. */
  readonly usageError: (message: string) => number;
}

/** `statika run`: the real adapters around the controller, the HTTP endpoints, logs, metrics and signals. */
export const runAgent = async (options: RunAgentOptions): Promise<number> => {
  const { settings, logger } = options;
  const metrics = createAgentMetrics();
  const clients = createAwsClients({ region: settings.region, recorder: metrics.recorder });
  const sources = createFileSources(
    { configuration: settings.configurationUrl, services: settings.servicesUrl },
    clients,
  );
  if (E.isLeft(sources)) return options.usageError(sources.left);
  const urls = await ecsAgentUrls(settings.ecsAgentUrl);
  const stateDir = options.stateDir ?? defaultStateDir(options.env);
  const dockerSocket = dockerSocketPath(options.dockerSocket);
  // Without a writable journal no listener could ever be replaced safely: say so now, not at the first deploy.
  if (!options.dryRun && !isWritableDirectory(stateDir)) {
    return options.usageError(
      `the state directory ${stateDir} cannot be written (STATIKA_STATE_DIR, --state-dir)`,
    );
  }
  const deps: AgentDependencies = {
    configurationSource: sources.right.configuration,
    servicesSource: sources.right.services,
    observer: createObserver(clients),
    actuator: createActuator(clients, {
      onPolicyRecordSkipped: (skipped) => {
        logger.warn(
          { event: 'policy-record-skipped', loadBalancer: skipped.loadBalancerName, reason: skipped.reason },
          skipped.message,
        );
        metrics.observePolicyRecordSkipped(skipped);
      },
    }),
    identity: identityFrom({
      settings,
      ecsAgentUrls: urls,
      env: options.env,
      ecs: clients.ecs,
    }),
    localTasks: localTasksFrom(urls),
    // Only used when a service names a nodePort: a host without one never runs nft.
    hostDriver: createNftDriver(),
    ...(dockerSocket === undefined ? {} : { localEvents$: containerEvents$(dockerSocket, logger) }),
    // A dry run changes nothing, so it has nothing to journal (and must not finish another run's journal).
    journal: options.dryRun
      ? createMemoryJournal()
      : createFileJournal(stateDir, (file, message) =>
          logger.error({ file }, `journal file ${file} set aside: ${message}`),
        ),
    scheduler: asyncScheduler,
    logger,
    dryRun: options.dryRun,
  };
  logger.info(
    {
      configuration: settings.configurationUrl,
      services: settings.servicesUrl,
      region: settings.region,
      stateDir: options.dryRun ? undefined : stateDir,
      dockerSocket,
      dryRun: options.dryRun,
      once: options.once,
    },
    'statika starting',
  );
  return options.once ? runOnceThenExit(deps, logger) : runForever(deps, options, metrics);
};

/** `--once`: one reconcile as at start-up, without retries; the exit code says whether all is in sync. */
const runOnceThenExit = async (deps: AgentDependencies, logger: Logger): Promise<number> => {
  const result = await runOnce(deps, (event) => logAgentEvent(logger, event));
  for (const service of result.status.services) {
    logger.info(
      { event: 'service', service: service.serviceName, state: service.state, reason: service.reason.type },
      `${service.serviceName}: ${service.state} (${describeServiceStatus(service)})`,
    );
  }
  for (const file of result.status.files) {
    if (file.error !== undefined)
      logger.error({ event: 'file', url: file.url, error: file.error }, `${file.url}: ${file.error}`);
  }
  return result.exitCode;
};

const runForever = async (
  deps: AgentDependencies,
  options: RunAgentOptions,
  metrics: AgentMetrics,
): Promise<number> => {
  const { logger } = options;
  let latest: AgentStatus | undefined;
  const server =
    options.httpAddress.type === 'off'
      ? undefined
      : await startHttpServer({
          host: options.httpAddress.host,
          port: options.httpAddress.port,
          status: () => latest ?? handle.status(),
          registry: metrics.registry,
          now: () => deps.scheduler.now(),
        }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  if (server instanceof Error) {
    return options.usageError(
      `cannot serve HTTP on ${describeAddress(options.httpAddress)}: ${server.message}`,
    );
  }
  if (server !== undefined)
    logger.info({ address: server.address }, `HTTP endpoints on http://${server.address}`);

  const handle = createAgent(deps);
  const events = handle.events$.subscribe((event) => {
    logAgentEvent(logger, event);
    metrics.observeEvent(event);
  });
  const statuses = handle.status$.subscribe((status) => {
    if (latest !== undefined) logServiceChanges(logger, latest, status);
    latest = status;
    metrics.observeStatus(status);
  });

  let stopRequested = false;
  const stopped = waitForStopSignal(logger, () => {
    stopRequested = true;
    return handle.stop();
  });
  await Promise.race([stopped, handle.done]);
  const died = !stopRequested;
  if (!died) await stopped;
  events.unsubscribe();
  statuses.unsubscribe();
  await server?.close();
  if (died) {
    // The controller never ends on its own: if it did, exit non-zero so that a supervisor restarts it.
    logger.error('the agent stopped unexpectedly; exiting 1 so that it is restarted');
    return ExitCode.notInSync;
  }
  logger.info('statika stopped');
  return ExitCode.ok;
};

const describeAddress = (address: ListenAddress): string =>
  address.type === 'off' ? 'off' : `${address.host}:${address.port}`;
