import {
  configureHealthCheck,
  HOST_A,
  healthCheck,
  listener,
  NOW,
  replaceListeners,
  task,
} from './builders.js';

/** What the plan tests of one service behind `web-lb` share. */
export const SECOND = 1000;

/** The incumbent of a deploy: started an hour ago on host A, port 32768. */
export const old = task({ arn: 'task/old', ports: 32768, startedAt: NOW - 3600 * SECOND });

/** The actions that move `web-lb` to `port` on `host`: health check first, then the listeners. */
export const moveTo = (port: number, host = HOST_A) => [
  configureHealthCheck(healthCheck(), healthCheck(`HTTP:${port}/health`)),
  replaceListeners([listener()], [listener({ instancePort: port })], 'web-lb', host),
];
