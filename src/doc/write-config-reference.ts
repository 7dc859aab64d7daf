/** `npm run docs:config`: regenerates docs/configuration.md from schemas/config.schema.json. */
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { renderConfigReference } from './config-reference.js';

export const CONFIG_SCHEMA_URL = new URL('../../schemas/config.schema.json', import.meta.url);
export const CONFIG_DOC_URL = new URL('../../docs/configuration.md', import.meta.url);

export function expectedConfigReference(): string {
  return renderConfigReference(
    JSON.parse(readFileSync(CONFIG_SCHEMA_URL, 'utf8')) as Record<string, unknown>,
  );
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  writeFileSync(CONFIG_DOC_URL, expectedConfigReference());
  process.stdout.write('docs/configuration.md written\n');
}
