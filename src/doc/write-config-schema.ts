/** `npm run docs:schema`: regenerates the registry-derived parts of schemas/config.schema.json. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { RULE_SET } from '../../rules/index.js';
import { withRegistryCompletions } from './config-schema.js';

const file = fileURLToPath(new URL('../../schemas/config.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const text = JSON.stringify(withRegistryCompletions(schema, RULE_SET), null, 2);
// Formatted as the repository formats JSON, so `npm run lint` (prettier --check) stays clean.
writeFileSync(file, await format(text, { ...(await resolveConfig(file)), filepath: file }));
console.log(`${file} written`);
