import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCatalogue } from './catalogue.js';
import { CHECKS } from './checks/index.js';

const FILE = path.resolve(import.meta.dirname, '../../docs/breaking-changes.md');

describe('docs/breaking-changes.md', () => {
  it('is up to date with the check modules (run `npm run docs:breaking`)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(renderCatalogue());
  });

  it('lists every check', () => {
    const text = renderCatalogue();
    for (const c of CHECKS) expect(text).toContain(`| <a id="${c.id}"></a>\`${c.id}\` |`);
  });
});
