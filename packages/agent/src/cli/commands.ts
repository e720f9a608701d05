import { demoCommand } from '../demo/demo-command.js';
import type { Command } from './command.js';
import { planCommand } from './plan-command.js';
import { runCommand } from './run-command.js';
import { validateCommand } from './validate-command.js';

/** The `statika` subcommands, in the order `statika --help` lists them. `run` is the default. */
export const commands: readonly Command[] = [runCommand, planCommand, validateCommand, demoCommand];

export const defaultCommand: Command = runCommand;
