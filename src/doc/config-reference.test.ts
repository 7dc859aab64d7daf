import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_SET } from '../../rules/index.js';
import { resolveRules } from '../engine/rule-set.js';
import { parseConfig } from '../load/load-config.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import { CONFIG_EXAMPLE, renderConfigReference, typeOf } from './config-reference.js';
import { CONFIG_DOC_URL, expectedConfigReference } from './write-config-reference.js';

describe('docs/configuration.md', () => {
  it('is up to date with schemas/config.schema.json (run `npm run docs:config` after changing the schema)', () => {
    expect(readFileSync(CONFIG_DOC_URL, 'utf8')).toBe(expectedConfigReference());
  });

  it('documents every key of the schema, nested ones included', () => {
    const doc = expectedConfigReference();
    for (const heading of [
      '`limits`',
      '`signoff`',
      '`signoff.teams`',
      '`signoff.rules[]`',
      '`signoff.rules[].when`',
    ]) {
      expect(doc).toContain(`# ${heading}\n`);
    }
    for (const key of [
      '_extends',
      'maxAliasCount',
      'architectureBoardApprovals',
      'contractStatus',
      'ownersOf',
    ]) {
      expect(doc).toMatch(new RegExp(`\\| \`${key}\``));
    }
  });

  it('shows an example that the config schema and the rule registry accept', () => {
    const result = parseConfig('example.yml', CONFIG_EXAMPLE, createSchemaValidator());
    expect(result.kind === 'invalid' ? result.problems : []).toEqual([]);
    if (result.kind === 'invalid') return;
    expect(resolveRules(RULE_SET, result.config).problems).toEqual([]);
  });

  it('names types the way a reader writes them', () => {
    const root = { $defs: { team: { type: 'string' }, level: { enum: ['off', 'error'] } } };
    expect(typeOf(root, { $ref: '#/$defs/team' })).toBe('string (team)');
    expect(typeOf(root, { type: 'array', items: { $ref: '#/$defs/level' } })).toBe(
      'array of `off` \\| `error`',
    );
    expect(renderConfigReference({ properties: { a: { type: 'integer', description: 'x|y' } } })).toContain(
      '| `a` | integer | x\\|y |',
    );
  });

  it('says what each named string type accepts, which its `string (name)` in the tables cannot', () => {
    const doc = renderConfigReference({
      properties: { paths: { type: 'array', items: { $ref: '#/$defs/glob' } } },
      $defs: {
        glob: { type: 'string', description: 'A pattern; at most 2 globstars.' },
        level: { enum: ['off', 'error'], description: 'Shown inline.' },
      },
    });
    expect(doc).toContain('| `paths` | array of string (glob) |');
    expect(doc).toContain(
      '## Types\n\n| Type | Description |\n| --- | --- |\n| `glob` | A pattern; at most 2 globstars. |',
    );
    expect(doc).not.toContain('Shown inline.');
  });
});
