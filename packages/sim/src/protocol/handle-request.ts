import { throttlingError } from '../api-throttle.js';
import type { SimClock } from '../clock.js';
import { type InjectedError, statusForCode } from '../faults.js';
import type { SimService } from '../sim-service.js';
import type { World } from '../world.js';
import { ECS_TARGET_PREFIX, ecsError, parseEcsInput, serveEcs } from './ecs-api.js';
import { elbError, serveElb } from './elb-api.js';
import { hostOperation, serveHost } from './host-api.js';
import { QueryParams } from './query-params.js';
import { s3Error, s3Operation, serveS3 } from './s3-api.js';
import { ApiError, type SimRequest, type SimResponse, type SimTarget } from './sim-request.js';

/** A request, classified: which API, which operation, and how to answer it (or fail it in its shape). */
interface Route {
  readonly service: SimService;
  readonly operation: string;
  /** The load balancer an ELB call names: `failCreateAfterDelete` is per load balancer. */
  readonly resource: string | undefined;
  serve(requestId: string): SimResponse;
  fail(error: InjectedError, requestId: string): SimResponse;
}

const queryEntries = (request: SimRequest): [string, string][] =>
  Object.entries(request.query ?? {}).flatMap(([k, v]) =>
    typeof v === 'string' ? [[k, v] as [string, string]] : v.map((x) => [k, x] as [string, string]),
  );

const isElbRequest = (request: SimRequest, params: QueryParams): boolean =>
  params.optionalString('Action') !== undefined &&
  (request.method === 'POST' || request.method === 'GET') &&
  (request.path === '/' || request.path === '');

const routeAws = (world: World, request: SimRequest): Route => {
  const target = request.headers['x-amz-target'];
  if (target !== undefined) {
    const operation = target.startsWith(ECS_TARGET_PREFIX) ? target.slice(ECS_TARGET_PREFIX.length) : target;
    return {
      service: 'ecs',
      operation,
      resource: undefined,
      serve: (requestId) => {
        if (!target.startsWith(ECS_TARGET_PREFIX)) {
          throw new ApiError('UnknownOperationException', `Unknown target ${target}`);
        }
        return serveEcs(world, operation, parseEcsInput(request.body), requestId);
      },
      fail: (error, requestId) => ecsError(error.code, error.message, requestId, error.status),
    };
  }
  const formBody =
    (request.headers['content-type'] ?? '').includes('x-www-form-urlencoded') || request.method === 'GET';
  const params = QueryParams.parse(
    formBody || request.body.includes('Action=') ? request.body : '',
    queryEntries(request),
  );
  if (isElbRequest(request, params)) {
    const operation = params.optionalString('Action') ?? '';
    return {
      service: 'elb',
      operation,
      resource: params.optionalString('LoadBalancerName'),
      serve: (requestId) => serveElb(world, operation, params, requestId),
      fail: (error, requestId) => elbError(error.code, error.message, requestId, error.status),
    };
  }
  return {
    service: 's3',
    operation: s3Operation(request),
    resource: undefined,
    serve: (requestId) => serveS3(world, request, requestId),
    fail: (error, requestId) =>
      s3Error(error.code, error.message, requestId, {}, error.status, request.method !== 'HEAD'),
  };
};

const routeHost = (world: World, instanceId: string, request: SimRequest): Route => {
  const { service, operation } = hostOperation(request);
  return {
    service,
    operation,
    resource: undefined,
    serve: () => serveHost(world, instanceId, request),
    fail: (error) => ({
      status: error.status,
      headers: { 'content-type': 'text/plain' },
      body: error.message,
    }),
  };
};

/**
 * Told when a request starts and stops waiting for the world's clock (an answer's latency): a virtual-time
 * driver must move time for such a request, and must not for one that is still being worked on.
 */
export interface ClockWaits {
  enter(): void;
  exit(): void;
}

const NO_CLOCK_WAITS: ClockWaits = { enter: () => {}, exit: () => {} };

const sleep = (clock: SimClock, ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => clock.setTimeout(resolve, ms));

const answerError = (route: Route, code: string, message: string, requestId: string): SimResponse =>
  route.fail({ code, message, status: statusForCode(code) }, requestId);

const internalErrorCode: Record<SimService, string> = {
  ecs: 'ServerException',
  elb: 'InternalFailure',
  s3: 'InternalError',
  imds: 'InternalError',
  agent: 'InternalError',
};

/** The account's token bucket for this call is empty: AWS answers at once, before doing anything. */
const throttledAnswer = (world: World, route: Route, requestId: string): SimResponse | undefined => {
  const { service } = route;
  if (service !== 'ecs' && service !== 'elb' && service !== 's3') return undefined;
  if (!world.internals.throttle.throttles(service, route.operation, world.clock.now())) return undefined;
  return route.fail(throttlingError[service], requestId);
};

/**
 * Answers one request as AWS (or the host's IMDS and ECS agent) would: counts it, applies the account's
 * throttling, injected faults and latency, and turns anything malformed into the service's error shape. Never throws.
 */
export const handleRequest = async (
  world: World,
  request: SimRequest,
  target: SimTarget = { kind: 'aws' },
  clockWaits: ClockWaits = NO_CLOCK_WAITS,
): Promise<SimResponse> => {
  const requestId = world.internals.nextRequestId();
  let route: Route | undefined;
  try {
    route = target.kind === 'aws' ? routeAws(world, request) : routeHost(world, target.instanceId, request);
    world.internals.callCounter.record(route.service, route.operation);
    const throttled = throttledAnswer(world, route, requestId);
    if (throttled !== undefined) return throttled;
    const decision = world.internals.faults.decide(route.service, route.operation, route.resource);
    if (decision.latencyMs > 0) {
      clockWaits.enter();
      try {
        await sleep(world.clock, decision.latencyMs);
      } finally {
        clockWaits.exit();
      }
    }
    if (decision.error !== undefined) {
      world.internals.emit({
        type: 'fault',
        service: route.service,
        operation: route.operation,
        code: decision.error.code,
      });
      return route.fail(decision.error, requestId);
    }
    const response = route.serve(requestId);
    if (response.status < 300) world.internals.faults.succeeded(route.operation, route.resource);
    return response;
  } catch (error) {
    if (route !== undefined && error instanceof ApiError)
      return answerError(route, error.code, error.message, requestId);
    const message = error instanceof Error ? error.message : String(error);
    return route === undefined
      ? { status: 500, headers: { 'content-type': 'text/plain' }, body: `internal error: ${message}` }
      : answerError(route, internalErrorCode[route.service], message, requestId);
  }
};
