/**
 * A message never quotes a value by hand: `` `Contract "${id}" …` `` leaves a double quote in the
 * value free to end the quotation (the rest reads as the tool's own words) and a backtick free to
 * pair with a fence of the message's own span. Values go through `quoted()` (src/core/inert-text.ts),
 * which escapes the quotes and makes a value holding a backtick one code span. This check reads the
 * sources: a new hand-made quotation fails here before a hostile name finds it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Files whose hand-made quotations hold text of our own or of whoever runs the tool (HTML
 * attributes of our ids, Mermaid labels already made inert, CLI arguments, Action inputs, option
 * values), by how many each holds: one more fails, so that a new one is looked at.
 */
const OWN_TEXT: Record<string, { quotes: number; why: string }> = {
  'src/doc/html.ts': { quotes: 7, why: 'HTML attributes: our ids and classes, values through htmlText' },
  'src/doc/markdown.ts': { quotes: 2, why: 'anchors named by our section and record ids' },
  'src/doc/topology.ts': { quotes: 3, why: 'Mermaid labels, made inert by mermaidLabel' },
  'src/review/render/mermaid.ts': { quotes: 2, why: 'Mermaid labels, made inert by mermaidLabel' },
  'src/load/schema-validation.ts': { quotes: 1, why: "a field name of this package's schemas" },
  'src/load/openapi-validation.ts': { quotes: 1, why: 'a validator message, quoted whole by foreignText' },
  'src/engine/lint.ts': { quotes: 1, why: "a rule's own message id (an internal error)" },
  'src/core/inert-text.ts': { quotes: 1, why: 'quoted() itself' },
  'src/report/docs-links.ts': { quotes: 3, why: 'the docs address the operator configured' },
  'src/cli/run-command.ts': { quotes: 1, why: 'the command line of whoever runs the CLI' },
  'src/cli/signoff-facts.ts': { quotes: 1, why: 'a --teams file of whoever runs the CLI' },
  'src/cli/main.ts': { quotes: 1, why: 'the command line of whoever runs the CLI (through plainText)' },
  'src/cli/commands/diff.ts': { quotes: 1, why: 'the command line of whoever runs the CLI' },
  'src/action/inputs.ts': { quotes: 4, why: "the workflow's inputs and event name" },
  'src/diff/catalogue.ts': { quotes: 1, why: 'anchors named by check ids' },
  'src/diff/emit.ts': { quotes: 1, why: 'a check id (an internal error)' },
  'src/adapters/git-blobs.ts': { quotes: 1, why: 'an object id checked to be hex' },
  'src/adapters/git-file-source.ts': { quotes: 1, why: 'a ref of whoever runs the CLI' },
  'src/adapters/github/shapes.ts': { quotes: 1, why: "GitHub's own field values" },
};

/** A double quote right before an interpolation and right after it. */
const HAND_MADE = /"\$\{[^`]*?\}"/g;

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f).split(path.sep).join('/'));
}

const quotes = (text: string) => (text.match(HAND_MADE) ?? []).length;

describe('no message quotes a value by hand', () => {
  const files = [...sources('src'), ...sources('rules')];

  it('uses quoted() for every value in double quotes', () => {
    const found: string[] = [];
    for (const file of files) {
      const count = quotes(readFileSync(path.join(root, file), 'utf8'));
      if (count > (OWN_TEXT[file]?.quotes ?? 0)) found.push(`${file}: ${count}`);
    }
    expect(found).toEqual([]);
  });

  it('lists only files that still hold quotations of their own text', () => {
    const stale = Object.entries(OWN_TEXT)
      .filter(([file, { quotes: n }]) => quotes(readFileSync(path.join(root, file), 'utf8')) < n)
      .map(([file]) => file);
    expect(stale).toEqual([]);
  });

  it('recognises a hand-made quotation', () => {
    expect(quotes('const s = `Contract "${id}" is missing`;')).toBe(1);
    expect(quotes('const s = `Contract ${quoted(id)} is missing`;')).toBe(0);
  });
});
