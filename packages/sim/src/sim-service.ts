/** The front ends of the sim: the three AWS APIs, and the two per-host local endpoints. */
export type SimService = 'ecs' | 'elb' | 's3' | 'imds' | 'agent';

/** Only these are AWS API calls (they cost money and share AWS rate limits); IMDS and the ECS agent are local. */
export const isAwsService = (service: SimService): boolean =>
  service === 'ecs' || service === 'elb' || service === 's3';
