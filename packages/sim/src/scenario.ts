import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { demoScenario } from './scenarios/demo.js';
import { decodeWorldSpec, type WorldSpec } from './world-spec.js';

export const builtInScenarios: Readonly<Record<string, () => WorldSpec>> = { demo: demoScenario };

/** A built-in scenario by name, or a JSON scenario file; problems as readable lines naming the file. */
export const loadScenario = (nameOrFile: string): E.Either<string[], WorldSpec> => {
  const builtIn = builtInScenarios[nameOrFile];
  if (builtIn !== undefined) return E.right(builtIn());
  let text: string;
  try {
    text = readFileSync(nameOrFile, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return E.left([
      `${nameOrFile}: cannot read the scenario (${reason}); built-in scenarios: ${Object.keys(builtInScenarios).join(', ')}`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return E.left([
      `${nameOrFile}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    ]);
  }
  return E.mapLeft((problems: string[]) => problems.map((p) => `${nameOrFile}: ${p}`))(decodeWorldSpec(json));
};

/** `s3://bucket/key` of the scenario's Statika files, found by name. */
export const statikaFileUrls = (spec: WorldSpec): { configurationUrl?: string; servicesUrl?: string } => {
  const find = (name: string) => {
    const object = (spec.objects ?? []).find((o) => o.key === name || o.key.endsWith(`/${name}`));
    return object === undefined ? undefined : `s3://${object.bucket}/${object.key}`;
  };
  const configurationUrl = find('configuration.json');
  const servicesUrl = find('services.json');
  return {
    ...(configurationUrl === undefined ? {} : { configurationUrl }),
    ...(servicesUrl === undefined ? {} : { servicesUrl }),
  };
};
