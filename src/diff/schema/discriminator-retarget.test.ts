import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

const DIR = path.resolve(import.meta.dirname, '../../../test/fixtures/diff-groups');
const read = (side: string) =>
  readFileSync(path.join(DIR, `discriminator-value-retargeted_${side}.yaml`), 'utf8');

describe('a discriminator value mapped to another schema', () => {
  it('is one change, saying which value now selects which schema, before and after', async () => {
    const { changes, problems } = await diffTexts(read('base'), read('revision'));
    expect(problems).toEqual([]);
    expect(changes.map((c) => c.id)).toEqual(['response-discriminator-changed']);
    expect(changes[0]!.message).toContain('changed its discriminator value cat from Cat to Lion');
  });
});
