/**
 * The diff on one fixture pair per group of issue 12 (test/fixtures/diff-groups): `NAME_base.yaml`
 * and `NAME_revision.yaml`, oasdiff-style, and `NAME_expected.yaml` listing every change the diff
 * must report at `error` or `warning` — check id, severity and every affected operation. Nothing
 * else may be reported above `info`: a pair of changes that break nobody expects an empty list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../support/diff-pair.js';

const DIR = path.resolve(import.meta.dirname, '../fixtures/diff-groups');
const GROUPS = readdirSync(DIR)
  .filter((f) => f.endsWith('_base.yaml'))
  .map((f) => f.slice(0, -'_base.yaml'.length))
  .sort();

interface Expected {
  id: string;
  severity: string;
  operations: string[];
}

const read = (name: string) => readFileSync(path.join(DIR, name), 'utf8');
const key = (e: Expected) => `${e.severity} ${e.id} [${[...e.operations].sort().join(', ')}]`;

describe('the diff on the fixture pair of each group of issue 12', () => {
  it('has every pair complete', () => {
    expect(GROUPS.length).toBeGreaterThanOrEqual(7);
    for (const group of GROUPS) {
      expect(() => read(`${group}_revision.yaml`), group).not.toThrow();
      expect(() => read(`${group}_expected.yaml`), group).not.toThrow();
    }
  });

  it.each(GROUPS)('%s: reports exactly the expected errors and warnings', async (group) => {
    const result = await diffTexts(read(`${group}_base.yaml`), read(`${group}_revision.yaml`), {
      today: '2030-01-01',
    });
    expect(result.problems).toEqual([]);
    const reported = result.changes
      .filter((c) => c.severity !== 'info')
      .map(key)
      .sort();
    const expected = ((parse(read(`${group}_expected.yaml`)) as Expected[] | null) ?? []).map(key).sort();
    expect(reported).toEqual(expected);
  });
});
