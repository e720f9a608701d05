export * from './fake-host-driver.js';
export * from './host-driver.js';
export * from './host-error.js';
export * from './netns.js';
export * from './nft-driver.js';
export * from './nft-json.js';
export * from './nft-ruleset.js';
