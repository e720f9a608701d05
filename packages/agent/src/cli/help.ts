import type { OptionSpec } from './option-spec.js';

/** What every `--help` answers: what the command does, its flags, environment, exit codes and examples. */
export interface HelpText {
  readonly usage: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly environment: readonly (readonly [name: string, description: string])[];
  readonly exitCodes: readonly (readonly [code: number, meaning: string])[];
  readonly examples: readonly string[];
}

export const formatHelp = (help: HelpText): string => {
  const flag = (o: OptionSpec) =>
    `${o.short === undefined ? '    ' : `-${o.short}, `}--${o.name}${o.value === undefined ? '' : ` <${o.value}>`}`;
  const optionLines = help.options.map(
    (o) => [flag(o), o.env === undefined ? o.description : `${o.description} [${o.env}]`] as const,
  );

  return [
    `Usage: ${help.usage}`,
    '',
    help.description,
    section('Options', optionLines),
    section(
      'Environment',
      help.environment.length === 0 ? [['none', 'no environment variable is read']] : help.environment,
    ),
    section(
      'Exit codes',
      help.exitCodes.map(([code, meaning]) => [String(code), meaning] as const),
    ),
    help.examples.length === 0 ? '' : `\nExamples:\n${help.examples.map((e) => `  ${e}`).join('\n')}\n`,
  ].join('\n');
};

const lineWidth = 110;

/** Two columns; a long left cell puts its text on the next line, long text wraps under its column. */
const section = (title: string, rows: readonly (readonly [string, string])[]): string => {
  if (rows.length === 0) return '';
  const width = Math.min(34, Math.max(...rows.map(([left]) => left.length)) + 2);
  const indent = ' '.repeat(2 + width);
  const lines = rows.map(([left, right]) => {
    const text = wrap(right, lineWidth - indent.length).join(`\n${indent}`);
    return left.length + 2 > width ? `  ${left}\n${indent}${text}` : `  ${left.padEnd(width)}${text}`;
  });
  return `\n${title}:\n${lines.join('\n')}`;
};

const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
};
