export * from './cluster-harness.js';
export * from './harness-agent.js';
export * from './sim-host-driver.js';
