import { Configuration } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';

/** A configuration from plain fields, checked by its codec (so its brands hold): defaults for the rest. */
export const testConfiguration = (fields: Partial<t.OutputOf<typeof Configuration>> = {}): Configuration => {
  const decoded = Configuration.decode({
    cluster: 'c',
    sleepTimeSeconds: 10,
    settleTimeSeconds: 5,
    taskSelection: 'newest-ready',
    deregisterOnExit: false,
    fleetEcsReadsPerSecond: 8,
    fleetElbReadsPerSecond: 4,
    ...fields,
  });
  if (E.isLeft(decoded)) throw new Error(`not a configuration: ${JSON.stringify(fields)}`);
  return decoded.right;
};
