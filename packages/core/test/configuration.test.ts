import test from 'ava';
import { isRight } from 'fp-ts/lib/Either.js';
import { ConfigurationFile, withConfigurationDefaults } from '../src/index.js';

test('accepts Statika 0.1 configuration and applies defaults', (t) => {
  const decoded = ConfigurationFile.decode({ cluster: 'prod', sleepTimeSeconds: 10 });
  if (!isRight(decoded)) return t.fail('expected the file to decode');
  t.deepEqual(withConfigurationDefaults(decoded.right), {
    cluster: 'prod',
    sleepTimeSeconds: 10,
    settleTimeSeconds: 5,
    taskSelection: 'newest-ready',
    deregisterOnExit: false,
    fleetEcsReadsPerSecond: 8,
    fleetElbReadsPerSecond: 4,
  });
});
