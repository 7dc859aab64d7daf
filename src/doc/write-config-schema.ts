/** `npm run docs:schema`: regenerates the registry-derived parts of schemas/config.schema.json. */
import { readFileSync, writeFileSync } from 'node:fs';
import { RULE_SET } from '../../rules/index.js';
import { withRegistryCompletions } from './config-schema.js';

export const CONFIG_SCHEMA_FILE = new URL('../../schemas/config.schema.json', import.meta.url);

const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
writeFileSync(CONFIG_SCHEMA_FILE, JSON.stringify(withRegistryCompletions(schema, RULE_SET), null, 2) + '\n');
console.log(`${CONFIG_SCHEMA_FILE.pathname} written`);
