/**
 * A message never builds a code span by hand around a value: `` `Field \`${name}\`` `` breaks when
 * the name holds a backtick (the span ends early and the rest reads as the tool's own words). Values
 * go through `code()` (src/core/inert-text.ts), which fences each one longer than any backtick run
 * inside, or through a template slot in backticks (`` `{name}` ``, `` `{{name}}` ``) that does the
 * same. This check reads the sources: a new hand-made span fails here before a hostile name finds it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Files that write Markdown around text of our own only (rule ids, option names, JSON Schema words,
 * YAML syntax characters, GitHub's own fields), by how many hand-made spans each holds: one more
 * fails, so that a new one is looked at.
 */
const OWN_TEXT: Record<string, { spans: number; why: string }> = {
  'src/doc/config-reference.ts': { spans: 5, why: 'the configuration schema of this package (keys, types)' },
  'src/doc/config-schema.ts': { spans: 3, why: 'rule ids, presets and option names of this package' },
  'src/report/rule-docs.ts': { spans: 14, why: 'rule documentation: ids, options, example file names' },
  'src/review/rule-docs.ts': { spans: 4, why: 'rule ids of this package' },
  'src/cli/rule-list.ts': { spans: 1, why: 'rule ids of this package' },
  'src/report/sarif.ts': { spans: 1, why: 'a documentation page of this package' },
  'src/report/markdown.ts': { spans: 1, why: 'a rule id' },
  'src/diff/catalogue.ts': { spans: 1, why: 'check ids in the generated catalogue' },
  'src/core/located-yaml.ts': { spans: 6, why: 'YAML syntax characters (brackets, quotes)' },
  'src/adapters/github/shapes.ts': { spans: 1, why: 'a field path of a GitHub API answer' },
  'src/app/signoff-job.ts': { spans: 1, why: "a check run's conclusion, one of GitHub's words" },
  'src/app/job-budget.ts': { spans: 1, why: 'a setting name of this package' },
};

/** A backtick written in a template literal right before or after an interpolation. */
const HAND_MADE = /\\`\$\{|\}\\`|'`'\s*\+|\+\s*'`'/g;

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f).split(path.sep).join('/'));
}

/** Hand-made spans of a source: one per opening backtick before an interpolation. */
function handMade(text: string): number {
  return (text.match(HAND_MADE) ?? []).filter((m) => m !== '}\\`').length;
}

describe('no message builds a code span around a value by hand', () => {
  const files = [...sources('src'), ...sources('rules')];

  it('finds the sources it reads', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('src/diff/emit.ts');
  });

  it('uses code() for every value in a code span', () => {
    const found: string[] = [];
    for (const file of files) {
      const count = handMade(readFileSync(path.join(root, file), 'utf8'));
      if (count > (OWN_TEXT[file]?.spans ?? 0)) found.push(`${file}: ${count}`);
    }
    expect(found).toEqual([]);
  });

  it('lists only files that still hold spans of their own text', () => {
    const stale = Object.entries(OWN_TEXT)
      .filter(([file, { spans }]) => handMade(readFileSync(path.join(root, file), 'utf8')) < spans)
      .map(([file]) => file);
    expect(stale).toEqual([]);
  });

  it('recognises a hand-made span', () => {
    expect(handMade('const s = `Field \\`${name}\\` was removed`;')).toBe(1);
    expect(handMade("const s = '`' + name + '`';")).toBe(2);
    expect(handMade('const s = `Field ${code(name)} was removed`;')).toBe(0);
  });
});
