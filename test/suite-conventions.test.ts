/**
 * The suite runs most files in one module graph per worker (vitest.config.ts, project `shared`): a
 * module is evaluated once per worker, not once per file. Two things would then go wrong silently,
 * and this file keeps them out:
 * - a `vi.mock` would not replace a module an earlier file already loaded (its test would then see
 *   the real module), and would leak into later files: such a file must be `*.isolated.test.ts`;
 * - a hook a support module registers at its own top level would run for the first file that
 *   imports the module only: a support module registers hooks from a function each file calls.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function typeScriptFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.split(path.sep).includes('fixtures'))
    .map((file) => path.join(folder, file));
}

const files = ['src', 'rules', 'test'].flatMap(typeScriptFiles);
const text = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const MOCKS_A_MODULE = /\bvi\.(?:mock|doMock)\(/;
/** The set-up file vitest runs for every test file: its top-level hooks are meant for each. */
const EACH_FILE = path.join('test', 'support', 'each-file.ts');
const TOP_LEVEL_HOOK = /^(?:beforeAll|afterAll|beforeEach|afterEach)\(/m;

describe('test files sharing one module graph', () => {
  it('replace a module only in a file of its own graph (*.isolated.test.ts)', () => {
    const mocking = files.filter((f) => f.endsWith('.test.ts') && MOCKS_A_MODULE.test(text(f)));
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.filter((f) => !f.endsWith('.isolated.test.ts'))).toEqual([]);
  });

  it('are isolated only when they need it: every *.isolated.test.ts replaces a module', () => {
    const isolated = files.filter((f) => f.endsWith('.isolated.test.ts'));
    expect(isolated.filter((f) => !MOCKS_A_MODULE.test(text(f)))).toEqual([]);
  });

  it('get their hooks from the file itself: no support module registers one at its top level', () => {
    const support = files.filter(
      (f) => !f.endsWith('.test.ts') && f !== EACH_FILE && /from 'vitest'/.test(text(f)),
    );
    expect(support.length).toBeGreaterThan(0);
    expect(support.filter((f) => TOP_LEVEL_HOOK.test(text(f)))).toEqual([]);
  });
});
