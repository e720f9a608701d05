export type InstanceState = 'InService' | 'OutOfService';

export interface InstanceHealth {
  readonly instanceId: string;
  readonly state: InstanceState;
  readonly reasonCode: string;
  readonly description: string;
}

/** The health model's state for one registered instance. */
export interface HealthRecord extends InstanceHealthFields {
  readonly successes: number;
  readonly failures: number;
}

interface InstanceHealthFields {
  readonly state: InstanceState;
  readonly reasonCode: string;
  readonly description: string;
}

/** One health check's verdict applied: consecutive passes and failures decide the state. */
export const afterCheck = (
  health: HealthRecord,
  passed: boolean,
  thresholds: { readonly healthyThreshold: number; readonly unhealthyThreshold: number },
): HealthRecord => {
  if (passed) {
    const successes = health.successes + 1;
    return health.state === 'OutOfService' && successes >= thresholds.healthyThreshold
      ? inService()
      : { ...health, successes, failures: 0 };
  }
  const failures = health.failures + 1;
  if (failures < thresholds.unhealthyThreshold) return { ...health, failures, successes: 0 };
  return failing(failures);
};

export const registering = (): HealthRecord => ({
  state: 'OutOfService',
  successes: 0,
  failures: 0,
  reasonCode: 'ELB',
  description: 'Instance registration is still in progress.',
});

export const inService = (): HealthRecord => ({
  state: 'InService',
  successes: 0,
  failures: 0,
  reasonCode: 'N/A',
  description: 'N/A',
});

export const failing = (failures: number): HealthRecord => ({
  state: 'OutOfService',
  successes: 0,
  failures,
  reasonCode: 'Instance',
  description: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.',
});

/** DescribeInstanceHealth's answer for an instance the load balancer does not have. */
export const notRegistered = (instanceId: string): InstanceHealth => ({
  instanceId,
  state: 'OutOfService',
  reasonCode: 'ELB',
  description: 'Instance is not currently registered with the LoadBalancer.',
});

export const healthView = (instanceId: string, health: HealthRecord): InstanceHealth => ({
  instanceId,
  state: health.state,
  reasonCode: health.reasonCode,
  description: health.description,
});
