import { decodeConfigurationFile, decodeServicesFile } from '@statika/core';
import { demoScenario } from '@statika/sim';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';

// Here, not in the sim: the sim knows nothing of Statika's file formats.
test("the demo's Statika files are valid for the core's codecs", (t) => {
  const objects = demoScenario().objects ?? [];
  const text = (key: string) => objects.find((o) => o.key === key)?.body ?? '';
  t.true(E.isRight(decodeConfigurationFile(JSON.parse(text('configuration.json')), 'configuration.json')));
  t.true(E.isRight(decodeServicesFile(JSON.parse(text('services.json')), 'services.json')));
});
