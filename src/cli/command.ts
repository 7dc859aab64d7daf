/**
 * What a CLI command is: a light description (name, options, help) that the entry point reads
 * without loading the command's engine, and a `run` that imports the heavy modules it needs when it
 * runs. Every command gets `-h/--help`; report commands also `-o/--output` and `-q/--quiet`.
 */
import type { CliIO } from './io.js';

export interface OptionSpec {
  /** The long name, without dashes. */
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** The value's placeholder in help (`FILE`, `GLOB`); `choices` are shown instead when given. */
  value?: string;
  /** Allowed values (compared case-insensitively); anything else is a usage error. */
  choices?: readonly string[];
  default?: string;
  description: string;
  /** Older spellings still accepted, e.g. `severity` for `lint --fail-on`. */
  aliases?: readonly string[];
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  /** Standard output is the `--output` file when one is given. */
  io: CliIO;
  values: OptionValues;
  positionals: string[];
  /** `--quiet`: the report only, no notes or summary lines. */
  quiet: boolean;
  /** Whether to colour text output (TTY, `FORCE_COLOR`, `NO_COLOR`, never into a file). */
  color: boolean;
  /** A note to the user on standard error, dropped with `--quiet`. */
  note(text: string): void;
}

export interface Command {
  name: string;
  summary: string;
  /** The positionals in the usage line: `[path]`, `<base> <head>`. */
  synopsis: string;
  /** What the command does, for `--help`. */
  description: string;
  options: readonly OptionSpec[];
  /** `stdout`: the report goes to standard output, so `-o/--output FILE` and `--quiet` apply. */
  report: 'stdout' | 'files';
  /** After the options in `--help`: exit codes, examples. */
  epilogue?: string;
  run(context: CommandContext): Promise<number>;
}

/** Reading an option whose spec says it is a string. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function stringsOption(values: OptionValues, name: string): string[] | undefined {
  const value = values[name];
  return Array.isArray(value) ? value : undefined;
}
