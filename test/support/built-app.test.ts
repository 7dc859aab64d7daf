import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleBuild } from './built-app.js';

/** A project folder with `files` (path → seconds since the epoch it was last changed). */
function project(files: Record<string, number>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'blueprint-review-built-app-'));
  mkdirSync(path.join(root, 'rules'));
  for (const [file, changed] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
    utimesSync(path.join(root, file), changed, changed);
  }
  return root;
}

describe('the built app standing in for the sources', () => {
  it('stands in when every compiled source is older than its output; tests and fixtures are not compiled', () => {
    const root = project({
      'src/app/server.ts': 1_000,
      'build/src/app/server.js': 2_000,
      'build/cli/main.js': 2_000,
      'rules/topology/a-rule.ts': 1_000,
      'build/rules/topology/a-rule.js': 2_000,
      'src/app/server.test.ts': 3_000,
      'rules/topology/fixtures/case.ts': 3_000,
    });
    expect(staleBuild(root)).toBeUndefined();
  });

  it('does not when a source changed after its output was built', () => {
    const root = project({
      'src/app/server.ts': 3_000,
      'build/src/app/server.js': 2_000,
      'build/cli/main.js': 4_000,
    });
    expect(staleBuild(root)).toBe('src/app/server.ts changed after build/src/app/server.js was built');
  });

  it('does not when a source changed after the CLI bundle was written', () => {
    const root = project({
      'src/cli/main.ts': 3_000,
      'build/src/cli/main.js': 4_000,
      'build/cli/main.js': 2_000,
    });
    expect(staleBuild(root)).toBe('src/cli/main.ts changed after build/cli/main.js was built');
    expect(staleBuild(project({ 'src/cli/main.ts': 1_000, 'build/src/cli/main.js': 2_000 }))).toBe(
      'build/cli/main.js is missing',
    );
  });

  it('does not when a source has no output (added since the build)', () => {
    const root = project({
      'src/app/server.ts': 1_000,
      'build/src/app/server.js': 2_000,
      'build/cli/main.js': 2_000,
      'rules/new.ts': 1_000,
    });
    expect(staleBuild(root)).toBe('build/rules/new.js is missing (its source: rules/new.ts)');
  });
});
