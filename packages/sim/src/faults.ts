import type { Random } from './random.js';
import { isAwsService, type SimService } from './sim-service.js';

/** A fault on an operation (`DescribeTasks`, `CreateLoadBalancerListeners`, `GetObject`, …) or on every AWS one ('*'). */
export interface Fault {
  /** Share of calls answered with an error (`code`, else the service's internal error). */
  readonly errorRate?: number;
  /** Share of calls answered with the service's throttling error. */
  readonly throttleRate?: number;
  /** Added to every answer, on the world's clock. */
  readonly latencyMs?: number;
  /** The next N calls fail with `code` (else the service's internal error). */
  readonly failNext?: number;
  /** Error code for `errorRate` and `failNext`, e.g. `Throttling`, `ServiceUnavailable`, `AccessDenied`. */
  readonly code?: string;
}

export interface FailCreateAfterDeleteOptions {
  /** Default `InternalFailure` (500). */
  readonly code?: string;
  /** How many creates fail once armed (default 1); more than the SDK's attempts to beat its retries. */
  readonly times?: number;
}

export interface FaultControls {
  setFault(operation: string, fault: Fault): void;
  /** The next CreateLoadBalancerListeners after a DeleteLoadBalancerListeners (on this load balancer) fails. */
  failCreateAfterDelete(loadBalancerName?: string, options?: FailCreateAfterDeleteOptions): void;
  clearFaults(): void;
}

export interface InjectedError {
  readonly code: string;
  readonly status: number;
  readonly message: string;
}

export interface FaultDecision {
  readonly latencyMs: number;
  readonly error: InjectedError | undefined;
}

const throttlingCode: Record<SimService, string> = {
  ecs: 'ThrottlingException',
  elb: 'Throttling',
  s3: 'SlowDown',
  imds: 'Throttling',
  agent: 'Throttling',
};

const internalCode: Record<SimService, string> = {
  ecs: 'ServerException',
  elb: 'InternalFailure',
  s3: 'InternalError',
  imds: 'InternalError',
  agent: 'InternalError',
};

const statusOfCode: Record<string, number> = {
  Throttling: 400,
  ThrottlingException: 400,
  SlowDown: 503,
  ServiceUnavailable: 503,
  InternalFailure: 500,
  InternalError: 500,
  ServerException: 500,
  AccessDenied: 403,
  AccessDeniedException: 400,
  NoSuchKey: 404,
  InvalidConfigurationRequest: 409,
};

/** The HTTP status AWS answers an error code with. */
export const statusForCode = (code: string): number =>
  statusOfCode[code] ?? (/Server|Internal|Unavailable/.test(code) ? 500 : 400);

const injected = (code: string): InjectedError => ({
  code,
  status: statusForCode(code),
  message: `Injected fault: ${code}`,
});

interface Armed {
  readonly loadBalancerName: string | undefined;
  readonly code: string;
  readonly times: number;
  /** Set by a successful delete: the load balancer whose next creates fail. */
  readonly firesOn: string | undefined;
}

/** Decides, call by call, whether a fault applies; all randomness from the world's seeded source. */
export class FaultInjector implements FaultControls {
  private faults = new Map<string, { fault: Fault; remaining: number }>();
  private armed: Armed | undefined;

  constructor(private readonly random: Random) {}

  setFault(operation: string, fault: Fault): void {
    this.faults.set(operation, { fault, remaining: fault.failNext ?? 0 });
  }

  failCreateAfterDelete(loadBalancerName?: string, options: FailCreateAfterDeleteOptions = {}): void {
    this.armed = {
      loadBalancerName,
      code: options.code ?? 'InternalFailure',
      times: options.times ?? 1,
      firesOn: undefined,
    };
  }

  clearFaults(): void {
    this.faults.clear();
    this.armed = undefined;
  }

  /** Called before a call is served. `resource` is the load balancer name for ELB calls. */
  decide(service: SimService, operation: string, resource?: string): FaultDecision {
    const entry = this.faults.get(operation) ?? (isAwsService(service) ? this.faults.get('*') : undefined);
    const latencyMs = entry?.fault.latencyMs ?? 0;
    const armedError = this.armedCreateFailure(operation, resource);
    if (armedError !== undefined) return { latencyMs, error: armedError };
    if (entry === undefined) return { latencyMs, error: undefined };
    const { fault } = entry;
    if (entry.remaining > 0) {
      entry.remaining -= 1;
      return { latencyMs, error: injected(fault.code ?? internalCode[service]) };
    }
    if (fault.throttleRate !== undefined && this.random.next() < fault.throttleRate) {
      return { latencyMs, error: injected(throttlingCode[service]) };
    }
    if (fault.errorRate !== undefined && this.random.next() < fault.errorRate) {
      return { latencyMs, error: injected(fault.code ?? internalCode[service]) };
    }
    return { latencyMs, error: undefined };
  }

  /** Called after a call succeeded: a delete arms the create failure. */
  succeeded(operation: string, resource?: string): void {
    const armed = this.armed;
    if (armed === undefined || operation !== 'DeleteLoadBalancerListeners') return;
    if (armed.loadBalancerName !== undefined && armed.loadBalancerName !== resource) return;
    this.armed = { ...armed, firesOn: resource };
  }

  private armedCreateFailure(operation: string, resource: string | undefined): InjectedError | undefined {
    const armed = this.armed;
    if (armed?.firesOn === undefined || operation !== 'CreateLoadBalancerListeners') return undefined;
    if (armed.firesOn !== resource) return undefined;
    this.armed = armed.times > 1 ? { ...armed, times: armed.times - 1 } : undefined;
    return injected(armed.code);
  }
}
