import test from 'ava';
import { formatHelp } from '../../src/cli/help.js';

test('help lists usage, options with their variables, environment, exit codes and examples', (t) => {
  const text = formatHelp({
    usage: 'statika thing [options]',
    description: 'Does a thing.',
    options: [
      { name: 'region', type: 'string', value: 'region', description: 'AWS region', env: 'AWS_REGION' },
      { name: 'help', short: 'h', type: 'boolean', description: 'show this help' },
    ],
    environment: [['AWS_REGION', 'the AWS region']],
    exitCodes: [[0, 'ok']],
    examples: ['statika thing --region eu-west-1'],
  });
  t.regex(text, /^Usage: statika thing \[options\]\n\nDoes a thing\./);
  t.regex(text, /\n {6}--region <region> +AWS region \[AWS_REGION\]/);
  t.regex(text, /\n {2}-h, --help +show this help/);
  t.regex(text, /\nEnvironment:\n {2}AWS_REGION +the AWS region/);
  t.regex(text, /\nExit codes:\n {2}0 +ok/);
  t.regex(text, /\nExamples:\n {2}statika thing --region eu-west-1/);
});
