/**
 * Errors are values until the edge. Every adapter returns `Either<AwsError, A>`; only the CLI turns
 * an error into an exit code and a message. `retryable` says whether backing off and trying again can help.
 */
/** Which side answered; `host` is the kernel's forwarding rules (node-port mode, through @statika/host). */
export type AwsService =
  | 'ecs'
  | 'elb'
  | 's3'
  | 'imds'
  | 'ecs-agent'
  | 'metadata-file'
  | 'file'
  | 'https'
  | 'host';

export interface AwsError {
  readonly _tag: 'AwsError';
  /** Throttling, 5xx, network errors and timeouts: back off and retry. Access denied, not found, validation: not. */
  readonly retryable: boolean;
  readonly service: AwsService;
  /** The API operation (`DescribeTasks`, `CreateLoadBalancerListeners`, `GetObject`, …). */
  readonly operation: string;
  /** The resource it concerns (cluster, load balancer name, `s3://bucket/key`, URL), when there is one. */
  readonly resource: string | undefined;
  /** AWS's error code (`Throttling`, `AccessDenied`, `LoadBalancerNotFound`, …) or ours (`Timeout`, `Network`, `TooLarge`, `Malformed`). */
  readonly code: string;
  readonly message: string;
}
