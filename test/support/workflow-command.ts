/**
 * A command line as the Actions runner reads it (actions/runner `ActionCommand.TryParseV2`): the name,
 * properties split at `,` and their first `=`, and the data after the second `::`, each unescaped.
 */
export function parseCommand(line: string): {
  name: string;
  properties: Record<string, string>;
  message: string;
} {
  const match = /^::([^\s:]+)(?: ([^:]*))?::(.*)$/.exec(line.trimStart());
  if (!match) throw new Error(`not a command: ${line}`);
  const unescapeData = (text: string) =>
    text.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
  const unescapeProperty = (text: string) => unescapeData(text.replaceAll('%3A', ':').replaceAll('%2C', ','));
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
  }
  return { name: match[1]!, properties, message: unescapeData(match[3]!) };
}
