import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import test from 'ava';
import { isRight } from 'fp-ts/lib/Either.js';
import { decodeConfigurationFile, decodeServicesFile } from '../src/index.js';
import { configurationFixtures, type FileFixture, servicesFixtures } from './file-fixtures.js';

const Ajv = AjvModule.default;
const ajv = new Ajv({ allErrors: true, strict: true });
const schema = (name: string): object =>
  JSON.parse(readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8'));
const schemas = {
  configuration: ajv.compile(schema('configuration.schema.json')),
  services: ajv.compile(schema('services.schema.json')),
};
const codecs = {
  configuration: (json: unknown) => isRight(decodeConfigurationFile(json, 'configuration.json')),
  services: (json: unknown) => isRight(decodeServicesFile(json, 'services.json')),
};

const agree = (kind: 'configuration' | 'services', fixtures: readonly FileFixture[]) => {
  for (const fixture of fixtures) {
    test(`${kind}: ${fixture.name}: codec ${fixture.valid ? 'accepts' : 'rejects'}, schema agrees`, (t) => {
      t.is(codecs[kind](fixture.json), fixture.valid, 'codec');
      // Rules across entries (one load balancer a service, one listener a port) are beyond JSON Schema:
      // the schema accepts these files and only Statika's decoder rejects them.
      t.is(schemas[kind](fixture.json), fixture.crossField ? true : fixture.valid, 'schema');
    });
  }
};

agree('configuration', configurationFixtures);
agree('services', servicesFixtures);
