/**
 * One derivation per fact: which file configures a repository is written once (src/core/config-path.ts).
 * Three copies had drifted into the CLI, the GitHub adapter and the sign-off gate; a new copy would let
 * one door read another file than the gate protects.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_PATH } from '../../src/core/config-path.js';

const root = path.resolve(import.meta.dirname, '../..');

function sources(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => path.join(folder, f));
}

describe('the config path', () => {
  it('is a string literal in one module only', () => {
    const literal = new RegExp(`['"]${CONFIG_PATH.replace(/[.]/g, '\\.')}['"]`);
    const holders = [...sources('src'), ...sources('rules')].filter((file) =>
      literal.test(readFileSync(path.join(root, file), 'utf8')),
    );
    expect(holders).toEqual([path.join('src', 'core', 'config-path.ts')]);
  });
});
