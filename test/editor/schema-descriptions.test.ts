/**
 * Editors (VS Code's YAML extension, JetBrains) show a schema's `description` on hover and in completion:
 * every field a user can write must have one, and every schema an `$id` and a `title`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folder = new URL('../../schemas/', import.meta.url);
const files = readdirSync(folder).filter((f) => f.endsWith('.schema.json'));

/** JSON pointers of every property schema (under `properties` or `patternProperties`) without a description. */
function undescribed(node: unknown, pointer = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => undescribed(item, `${pointer}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  const missing: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    const here = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if ((key === 'properties' || key === 'patternProperties') && value && typeof value === 'object') {
      for (const [name, schema] of Object.entries(value as Record<string, unknown>)) {
        const described =
          schema !== null &&
          typeof schema === 'object' &&
          typeof (schema as { description?: unknown }).description === 'string';
        if (!described) missing.push(`${here}/${name}`);
      }
    }
    missing.push(...undescribed(value, here));
  }
  return missing;
}

describe('JSON Schemas for editors', () => {
  it('ships the blueprint, policies and config schemas, and those of the JSON reports', () => {
    expect(files.sort()).toEqual([
      'blueprint.schema.json',
      'config.schema.json',
      'diff-report.schema.json',
      'lint-report.schema.json',
      'policies.schema.json',
      'review-report.schema.json',
    ]);
  });

  for (const file of files) {
    const schema = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Record<string, unknown>;

    it(`${file} has a relative $id (its own file name: it claims no web address), a title and a description`, () => {
      // Relative, so editors resolve the sibling schemas it references (`policies.schema.json#/…`)
      // next to the file they loaded — relative path or node_modules — without any network.
      expect(schema.$id).toBe(file);
      expect(schema.title).toEqual(expect.any(String));
      expect(schema.description).toEqual(expect.any(String));
    });

    it(`${file} describes every field`, () => {
      expect(undescribed(schema)).toEqual([]);
    });
  }

  it('finds an undescribed field (the walker is not vacuous)', () => {
    expect(
      undescribed({ $defs: { a: { properties: { x: { $ref: '#/$defs/b' }, y: { description: 'y' } } } } }),
    ).toEqual(['/$defs/a/properties/x']);
  });
});
