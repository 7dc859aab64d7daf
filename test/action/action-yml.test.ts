import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/inputs.js';

const root = new URL('../../', import.meta.url);
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
};

describe('action.yml', () => {
  it('is a Node 24 JavaScript action (the runtime GitHub runs actions on) running the committed bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(existsSync(fileURLToPath(new URL(action.runs.main, root)))).toBe(true);
  });

  it('declares the inputs the entry reads, each described and optional', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([
      'blueprints',
      'config',
      'docs-url',
      'fail-on',
      'github-token',
      'sarif-file',
    ]);
    expect(action.inputs.config!.default).toBe('.github/blueprint-review.yml');
    for (const input of Object.values(action.inputs)) {
      expect(input.description.length).toBeGreaterThan(20);
      expect(input.required).toBe(false);
    }
    expect(action.inputs['github-token']!.default).toBe('${{ github.token }}');
    expect(action.inputs['fail-on']!.default).toBe('error');
    expect(Object.keys(action.outputs).sort()).toEqual(['failing-findings', 'new-findings']);
  });

  it('declares exactly the inputs the entry reads (a new or renamed input in one place fails here)', () => {
    // The variables readInputs looks up, recorded as it reads a complete, valid environment.
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get(_, name) {
        if (typeof name === 'string' && name.startsWith('INPUT_')) read.add(name);
        return name === 'INPUT_GITHUB-TOKEN' ? 't' : undefined;
      },
    });
    readInputs(env);
    // GitHub's name for an input's variable: INPUT_ and the name upper-cased, hyphens kept.
    expect([...read].sort()).toEqual(
      Object.keys(action.inputs)
        .map((name) => `INPUT_${name.toUpperCase()}`)
        .sort(),
    );
  });
});
