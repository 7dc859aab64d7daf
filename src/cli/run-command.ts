/**
 * Runs one command the way Spectral and oasdiff users expect: options parsed against the command's
 * spec, `-h/--help` on every command, a usage line (not Node's parser text) for any mistake, older
 * option spellings as aliases, `-o/--output FILE`, `-q/--quiet`, and colour only where it belongs.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command, CommandContext, OptionSpec, OptionValues } from './command.js';
import type { CliIO } from './io.js';
import { colorEnabled, EXIT, UsageError } from './io.js';
import { writeOutputFile } from './output-files.js';
import { quoted } from '../core/inert-text.js';

const PROGRAM = 'blueprint-review';

const HELP: OptionSpec = { name: 'help', short: 'h', type: 'boolean', description: 'show this help' };
const OUTPUT: OptionSpec = {
  name: 'output',
  short: 'o',
  type: 'string',
  value: 'FILE',
  description: 'write the report to FILE instead of standard output',
};
const QUIET: OptionSpec = {
  name: 'quiet',
  short: 'q',
  type: 'boolean',
  description: 'print the report only: no notes, no summary lines',
};

/** The command's options plus the ones every command of its kind has. */
export function optionsOf(command: Command): OptionSpec[] {
  const common = command.report === 'stdout' ? [OUTPUT, QUIET, HELP] : [QUIET, HELP];
  const own = new Set(command.options.map((o) => o.name));
  return [...command.options, ...common.filter((o) => !own.has(o.name))];
}

export function usageLine(command: Command): string {
  return `Usage: ${PROGRAM} ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''} [options]`;
}

export function commandHelp(command: Command): string {
  const options = optionsOf(command);
  const left = options.map((o) => {
    const names = [o.short ? `-${o.short}` : '   ', `--${o.name}`].join(o.short ? ', ' : ' ');
    const value = o.type === 'string' ? ` ${o.choices ? o.choices.join('|') : (o.value ?? 'VALUE')}` : '';
    return `${names}${value}`;
  });
  const width = Math.min(40, Math.max(...left.map((l) => l.length)));
  const rows = options.map((o, i) => {
    const extra = [
      o.default !== undefined ? `default: ${o.default}` : '',
      o.aliases?.length ? `also --${o.aliases.join(', --')}` : '',
    ].filter(Boolean);
    const text = `${o.description}${extra.length ? ` (${extra.join('; ')})` : ''}`;
    const head = left[i]!;
    return head.length > width
      ? `  ${head}\n  ${' '.repeat(width)}  ${text}`
      : `  ${head.padEnd(width)}  ${text}`;
  });
  return [
    usageLine(command),
    '',
    command.description.trim(),
    '',
    'Options:',
    ...rows,
    ...(command.epilogue ? ['', command.epilogue.trim()] : []),
    '',
  ].join('\n');
}

/** Parses `args` against the command's options; every mistake is a UsageError naming the usage. */
export function parseCommandArgs(
  command: Command,
  args: readonly string[],
): { values: OptionValues; positionals: string[] } {
  const specs = optionsOf(command);
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const spec of specs) {
    config[spec.name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    };
    for (const alias of spec.aliases ?? [])
      config[alias] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}) };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: config, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(
      `${parserMistake(error, specs)}\n${usageLine(command)}\nRun "${PROGRAM} ${command.name} --help" for the options.`,
    );
  }
  // A command whose usage line names no positional takes none: a stray word (`rules lint`) is a
  // mistake to say, as `lint a b` is, not an argument silently dropped.
  if (!command.synopsis && parsed.positionals.length > 0)
    throw new UsageError(
      `${command.name} takes no arguments besides options, got ${quoted(parsed.positionals.join(' '))}\n${usageLine(command)}`,
    );
  const values: OptionValues = {};
  for (const spec of specs) {
    const given = [spec.name, ...(spec.aliases ?? [])].filter((n) => parsed.values[n] !== undefined);
    if (given.length > 1 && !spec.multiple)
      throw new UsageError(
        `--${given.join(' and --')} are the same option: give it once\n${usageLine(command)}`,
      );
    const value = spec.multiple
      ? given.flatMap((n) => parsed.values[n] as string[])
      : given.length > 0
        ? parsed.values[given[0]!]
        : spec.default;
    values[spec.name] =
      spec.choices && typeof value === 'string'
        ? choice(spec, value, command)
        : (value as OptionValues[string]);
  }
  return { values, positionals: parsed.positionals };
}

function choice(spec: OptionSpec, value: string, command: Command): string {
  const match = spec.choices!.find((c) => c.toLowerCase() === value.toLowerCase());
  if (match === undefined)
    throw new UsageError(
      `--${spec.name} must be one of ${spec.choices!.join(', ')} (got "${value}")\n${usageLine(command)}`,
    );
  return match;
}

/** Node's parser errors, said in our words: which option, and the closest one we know. */
function parserMistake(error: unknown, specs: readonly OptionSpec[]): string {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const suggestion = closest(option.replace(/^-+/, ''), specs);
      return `unknown option ${option}${suggestion ? ` (did you mean --${suggestion}?)` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(message)
        ? `option ${option} needs a value`
        : `option ${option} takes no value`;
    default:
      return message.split('\n')[0]!;
  }
}

function closest(name: string, specs: readonly OptionSpec[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const spec of specs)
    for (const candidate of [spec.name, ...(spec.aliases ?? [])]) {
      const distance = editDistance(name, candidate);
      if (distance <= 2 && (!best || distance < best.distance)) best = { name: spec.name, distance };
    }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}

/** Parses, then runs the command with its context; `--output` collects standard output into the file. */
export async function runCommand(command: Command, args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(command, args);
  if (values.help) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  const output = command.report === 'stdout' && typeof values.output === 'string' ? values.output : undefined;
  const quiet = values.quiet === true;
  let report = '';
  const context: CommandContext = {
    io: output === undefined ? io : { ...io, stdout: (text) => (report += text), isTTY: false },
    values,
    positionals,
    quiet,
    color: colorEnabled(io, output !== undefined),
    note: (text) => {
      if (!quiet) io.stderr(text);
    },
  };
  const code = await command.run(context);
  if (output !== undefined) {
    writeOutputFile(path.resolve(io.cwd, output), report, output, io.cwd);
  }
  return code;
}
