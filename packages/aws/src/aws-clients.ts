import { ECSClient, type ECSClientConfig } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { type CallRecorder, noopRecorder } from './call-recorder.js';
import { callRecordingLocation, callRecordingMiddleware } from './call-recording-middleware.js';
import { type RetryClock, realRetryClock, retryLocation, retryMiddleware } from './retry-middleware.js';
import type { S3Reader } from './s3-reader.js';

export interface AwsClients {
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingClient;
  /**
   * S3, created on first use (the same one after): only `s3://` files need it, and loading the S3 client is
   * about 8 MB of the agent's memory (docs/performance.md).
   */
  readonly s3: () => Promise<S3Reader>;
}

export interface AwsClientsOptions {
  readonly region: string;
  /** Counts every request (default: counts nothing). */
  readonly recorder?: CallRecorder;
  /**
   * At most this many attempts per call (1: never retry); default the retry policy's (`callRetryOf`: 2,
   * and 6 for the create of a listener replacement). The SDK's own retry is off: ours replaces it.
   */
  readonly maxAttempts?: number;
  /** The clock of the retries (default the real one); the virtual-time harness passes its scheduler's. */
  readonly retryClock?: RetryClock;
  /** Default: the SDK's credential chain. Tests pass static fake credentials. */
  readonly credentials?: ECSClientConfig['credentials'];
  /**
   * Passed to every client: lets tests and the virtual-time simulator route requests in-process. Any
   * object with the SDK's `handle(request)` shape (an `HttpHandler`); typed loosely so callers need no
   * @smithy/types import.
   */
  readonly requestHandler?: unknown;
  /**
   * How long one request may take, connection included, before it fails as a `Timeout` (default
   * `defaultRequestTimeoutMs`). Not used with `requestHandler`, which brings its own.
   */
  readonly requestTimeoutMs?: number;
  /**
   * Where the clients send their requests: one base URL for all three, or one a service. A service
   * without one goes where the SDK sends it: an `AWS_ENDPOINT_URL_*` variable the operator set, else AWS.
   */
  readonly endpoints?: AwsEndpoints;
  /** Process environment, read for the operator's S3 endpoint (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * A request that hangs (a connection that died without a reset, an endpoint that never answers) would
 * otherwise hold its reconcile, and every later one, for good: the SDK sets no timeout of its own. AWS
 * answers Statika's calls in well under a second, throttled or not; 10 s leaves room for a slow network.
 */
export const defaultRequestTimeoutMs = 10_000;

/** The SDK's own HTTP handler, with a timeout that fails the request (by default it only logs a warning). */
const timedHandler = (timeoutMs: number) => ({
  requestTimeout: timeoutMs,
  throwOnRequestTimeout: true,
  connectionTimeout: Math.min(timeoutMs, 5_000),
});

/** Endpoints for the simulator or a stand-in for AWS: one base URL, or a URL a service. */
export type AwsEndpoints = string | { readonly ecs?: string; readonly elb?: string; readonly s3?: string };

const endpointOf = (endpoints: AwsEndpoints | undefined, service: 'ecs' | 'elb' | 's3') =>
  typeof endpoints === 'string' ? endpoints : endpoints?.[service];

/** The client option for an endpoint: given, it wins over the SDK's own resolution (variables, AWS). */
const endpointConfig = (endpoint: string | undefined) => (endpoint === undefined ? {} : { endpoint });

/**
 * With a custom endpoint (the simulator, MinIO, LocalStack) S3 needs path-style addressing: the SDK would
 * otherwise go to `bucket.localhost`, which does not resolve.
 */
const hasS3Endpoint = (endpoint: string | undefined, env: NodeJS.ProcessEnv): boolean =>
  Boolean(endpoint || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);

/**
 * The three SDK clients Statika uses (S3 when first asked for). `endpoints` point them elsewhere; without
 * it, the operator's endpoint variables (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_ECS`,
 * `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING`, `AWS_ENDPOINT_URL_S3`) are honoured by the SDK itself.
 */
export const createAwsClients = (options: AwsClientsOptions): AwsClients => {
  const recorder = options.recorder ?? noopRecorder;
  const common = {
    region: options.region,
    // The SDK's retry would stack on ours and wait on the real clock: every retry is the retry middleware's.
    maxAttempts: 1,
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    requestHandler:
      options.requestHandler !== undefined
        ? (options.requestHandler as ECSClientConfig['requestHandler'])
        : timedHandler(options.requestTimeoutMs ?? defaultRequestTimeoutMs),
  };
  const ecs = new ECSClient({ ...common, ...endpointConfig(endpointOf(options.endpoints, 'ecs')) });
  const elb = new ElasticLoadBalancingClient({
    ...common,
    ...endpointConfig(endpointOf(options.endpoints, 'elb')),
  });
  const s3Endpoint = endpointOf(options.endpoints, 's3');
  const s3Config = {
    ...common,
    ...endpointConfig(s3Endpoint),
    forcePathStyle: hasS3Endpoint(s3Endpoint, options.env ?? process.env),
  };
  const retry = (service: 'ecs' | 'elb' | 's3') =>
    retryMiddleware(service, options.retryClock ?? realRetryClock, options.maxAttempts);
  ecs.middlewareStack.add(retry('ecs'), retryLocation);
  elb.middlewareStack.add(retry('elb'), retryLocation);
  ecs.middlewareStack.addRelativeTo(callRecordingMiddleware('ecs', recorder), callRecordingLocation);
  elb.middlewareStack.addRelativeTo(callRecordingMiddleware('elb', recorder), callRecordingLocation);
  let s3: Promise<S3Reader> | undefined;
  const lazyS3 = () => {
    s3 ??= import('./s3-reader.js').then((module) => module.createS3Reader(s3Config, recorder, retry('s3')));
    return s3;
  };
  return { ecs, elb, s3: lazyS3 };
};
