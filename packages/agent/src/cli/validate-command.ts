import { createAwsClients, type FileSource } from '@statika/aws';
import {
  type Decoded,
  decodeConfigurationFile,
  decodeServicesFile,
  type FileProblem,
  formatProblem,
  parseJson,
} from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { createFileSources } from './adapters.js';
import { setting } from './agent-settings.js';
import type { CliContext } from './cli-context.js';
import { type Command, parseCommandArgs } from './command.js';
import { ExitCode } from './exit-code.js';
import { formatHelp } from './help.js';
import { helpOption, type OptionSpec } from './option-spec.js';

const options: readonly OptionSpec[] = [
  {
    name: 'region',
    type: 'string',
    value: 'region',
    description: 'AWS region, for s3:// URLs',
    env: 'AWS_REGION',
  },
  helpOption,
];

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a configuration file and a services file and print every problem',
  help: {
    usage: 'statika validate <configuration> <services> [options]',
    description: [
      'Reads both files (s3://bucket/key, file:///path, a path or https://…) and checks them as the agent',
      'would: every problem is printed with its file and JSON path, warnings (unknown fields) too.',
      'Nothing is changed. Without arguments, CONFIGURATION_URL and SERVICES_URL are checked.',
    ].join('\n'),
    options,
    environment: [
      ['CONFIGURATION_URL', 'the configuration file, when no argument is given'],
      ['SERVICES_URL', 'the services file, when no argument is given'],
      ['AWS_REGION', 'the AWS region, for s3:// URLs'],
    ],
    exitCodes: [
      [ExitCode.ok, 'both files are valid (warnings may have been printed)'],
      [ExitCode.notInSync, 'a file has problems or could not be read'],
      [ExitCode.configuration, 'bad arguments or an unsupported URL'],
    ],
    examples: [
      'statika validate ./configuration.json ./services.json',
      'statika validate s3://my-bucket/statika-config.json s3://my-bucket/statika-services.json --region eu-west-1',
    ],
  },
  run: async (args, ctx) => {
    const parsed = parseCommandArgs(args, options, true);
    if (E.isLeft(parsed)) return usageError(ctx, parsed.left);
    if (parsed.right.values.help === true) {
      ctx.stdout(formatHelp(validateCommand.help));
      return ExitCode.ok;
    }
    const [configurationArg, servicesArg, ...extra] = parsed.right.positionals;
    if (extra.length > 0) return usageError(ctx, `unexpected argument "${extra[0]}"`);
    const configurationUrl = configurationArg ?? ctx.env.CONFIGURATION_URL;
    const servicesUrl = servicesArg ?? ctx.env.SERVICES_URL;
    if (!configurationUrl || !servicesUrl) {
      return usageError(ctx, 'expected <configuration> <services> (or CONFIGURATION_URL and SERVICES_URL)');
    }
    const region = setting(parsed.right, ctx.env, 'region', 'AWS_REGION');
    const urls = { configuration: configurationUrl, services: servicesUrl };
    if (region === undefined && [configurationUrl, servicesUrl].some((u) => /^s3:/i.test(u))) {
      return usageError(ctx, 'AWS_REGION is not set (or pass --region): it is needed to read s3:// URLs');
    }
    // Without an s3:// URL the S3 client is never called, so any region will do.
    const clients = createAwsClients({ region: region ?? 'us-east-1' });
    const sources = createFileSources(urls, clients);
    if (E.isLeft(sources)) return usageError(ctx, sources.left);

    const results = [
      await checkFile(sources.right.configuration, decodeConfigurationFile),
      await checkFile(sources.right.services, decodeServicesFile),
    ];
    for (const result of results) ctx.stdout(result.lines.map((line) => `${line}\n`).join(''));
    return results.every((r) => r.valid) ? ExitCode.ok : ExitCode.notInSync;
  },
};

interface FileCheck {
  readonly valid: boolean;
  readonly lines: readonly string[];
}

const checkFile = async <A>(
  source: FileSource,
  decode: (json: unknown, file: string) => E.Either<readonly FileProblem[], Decoded<A>>,
): Promise<FileCheck> => {
  const read = await source.read();
  // A file source's message already names the URL.
  if (E.isLeft(read)) return { valid: false, lines: [read.left.message] };
  if (!read.right.changed) return { valid: true, lines: [`${source.url}: ok`] };
  const decoded = pipe(
    parseJson(read.right.text, source.url),
    E.chain((json) => decode(json, source.url)),
  );
  if (E.isLeft(decoded)) {
    return {
      valid: false,
      lines: [...decoded.left.map(formatProblem), `${source.url}: ${count(decoded.left)}`],
    };
  }
  const { warnings } = decoded.right;
  return {
    valid: true,
    lines: [
      ...warnings.map(formatProblem),
      `${source.url}: ok${warnings.length > 0 ? ` (${count(warnings)})` : ''}`,
    ],
  };
};

const count = (problems: readonly FileProblem[]): string => {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : '']
    .filter((s) => s !== '')
    .join(', ');
};

const usageError = (ctx: CliContext, message: string): number => {
  ctx.stderr(`statika validate: ${message}\nTry statika validate --help\n`);
  return ExitCode.configuration;
};
