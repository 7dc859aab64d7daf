/**
 * How the GitHub Actions runner reads one line a step prints (actions/runner, ActionCommand.cs:
 * TryParseV2, then the legacy TryParse), so tests can ask what it would do with our output rather
 * than look for characters: `::name props::data` when the line starts with `::` after leading white
 * space, else `##[name props]data` anywhere in it; properties `,`-separated (legacy: `;`), each
 * `key=value` split at the first `=`; escapes undone in the runner's order, `%25` last.
 */

/** The commands a runner registers (its command extensions and `stop-commands`). */
const COMMANDS = new Set([
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning',
]);

export interface RunnerCommand {
  command: string;
  /** Keys as written; the runner compares them without case. */
  properties: Record<string, string>;
  data: string;
}

const PROPERTY_ESCAPES: [string, string][] = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
];
const DATA_ESCAPES: [string, string][] = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];
const LEGACY_ESCAPES: [string, string][] = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%'],
];

function unescape(text: string, escapes: readonly [string, string][]): string {
  return escapes.reduce((out, [escaped, token]) => out.split(escaped).join(token), text);
}

function properties(text: string, separator: string, escapes: readonly [string, string][]) {
  const out: Record<string, string> = {};
  for (const property of text.split(separator).filter((p) => p !== '')) {
    const at = property.indexOf('=');
    const key = property.slice(0, at);
    const value = property.slice(at + 1);
    if (at > 0 && value !== '') out[key] = unescape(value, escapes);
  }
  return out;
}

/** The command the runner would run for `line`, or undefined when it prints the line as it is. */
export function runnerCommand(line: string): RunnerCommand | undefined {
  return commandV2(line) ?? legacyCommand(line);
}

function commandV2(line: string): RunnerCommand | undefined {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (!COMMANDS.has(command.toLowerCase())) return undefined;
  return {
    command,
    properties: space > 0 ? properties(info.slice(space + 1).trim(), ',', PROPERTY_ESCAPES) : {},
    data: unescape(message.slice(end + 2), DATA_ESCAPES),
  };
}

function legacyCommand(line: string): RunnerCommand | undefined {
  const start = line.indexOf('##[');
  if (start < 0) return undefined;
  const end = line.indexOf(']', start);
  if (end < 0) return undefined;
  const info = line.slice(start + 3, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (!COMMANDS.has(command.toLowerCase())) return undefined;
  return {
    command,
    properties: space > 0 ? properties(info.slice(space + 1), ';', LEGACY_ESCAPES) : {},
    data: unescape(line.slice(end + 1), LEGACY_ESCAPES),
  };
}
