export * from './aws-error.js';
export * from './call-recorder.js';
export * from './contract.js';
