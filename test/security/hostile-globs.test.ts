/**
 * Glob patterns that backtrack for minutes (picomatch compiles them to regular expressions) are
 * refused when the config loads — by every door, with the file, the line and the pattern — instead of
 * hanging the review, the sign-off or the CLI run that matches them. The patterns the docs and the
 * examples use still load.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/load/load-config.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';
import { readInputs } from '../../src/action/inputs.js';
import { ActionError } from '../../src/action/inputs.js';
import { discoverBlueprints } from '../../src/engine/discover.js';
import { readFileSync } from 'node:fs';
import {
  MAX_ALTERNATIVES,
  MAX_BRACES,
  MAX_GLOBSTARS,
  MAX_PATTERN_LENGTH,
  UnsafeGlob,
} from '../../src/core/safe-glob.js';
import { repoWith, runCli } from '../support/run-cli.js';

const validator = createSchemaValidator();

const BLUEPRINT = `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: shop, owner: acme/shop }
`;

/** Patterns that take exponential or high-polynomial time on a path built for them. */
const REFUSED: Record<string, string> = {
  'an extglob': '+(a|aa)+(a|aa)+(a|aa)b',
  'a negated extglob': '!(a|aa)b',
  'an at-extglob': 'blueprints/@(a|b)',
  'a regex group with a quantifier': '(a|aa)+b',
  'nested braces': 'blueprints/{a,{b,c}}',
  'repeated alternations': '{a,aa}{a,aa}{a,aa}b',
  'a brace of too many alternatives': `{${Array.from({ length: 11 }, (_, i) => `x${i}`).join(',')}}`,
  'a wildcard in a brace': 'blueprints/{*.yml,*.yaml}',
  'three globstars': '**/payments/**/eu/**/*.yaml',
  'two wildcards in a segment': 'blueprints/*a*b',
  'a long pattern': `blueprints/${'x'.repeat(300)}`,
};

/** What the docs, the schema's examples and the example repositories write. */
const KEPT = [
  'blueprints/*',
  'architecture/*',
  'payments/blueprint',
  'architecture/*/contracts/payments*',
  '*.{yml,yaml}',
  '**/*.yaml',
  'contracts/**',
  '!blueprints/legacy',
  'blueprints/[a-z]?*',
  'docs/\\(legacy\\)/*',
  // A `*` alone in its segment cannot leave it: any number of them match in one pass.
  'domains/*/blueprints/*/contracts/*.yaml',
  // Two globstars, and a `*` in a segment of its own.
  '**/payments/**/*.yaml',
];

describe('a glob pattern that could take minutes to match', () => {
  for (const [what, pattern] of Object.entries(REFUSED)) {
    it(`is a config problem on its line: ${what} in blueprints`, () => {
      const text = `preset: recommended\nblueprints:\n  - blueprints/*\n  - ${JSON.stringify(pattern)}\n`;
      const load = parseConfig('.github/blueprint-review.yml', text, validator);
      expect(load).toMatchObject({ kind: 'invalid', problems: [{ line: 4 }] });
      const [problem] = load.kind === 'invalid' ? load.problems : [];
      expect(problem!.message).toContain(`the glob pattern ${JSON.stringify(pattern)} is refused`);
    });

    it(`is a config problem on its line: ${what} in a sign-off rule's paths`, () => {
      const text = [
        'signoff:',
        '  rules:',
        '    - id: payments',
        '      when:',
        `        paths: ['contracts/**', ${JSON.stringify(pattern)}]`,
        '      require: { teams: [acme/payments] }',
        '',
      ].join('\n');
      const load = parseConfig('.github/blueprint-review.yml', text, validator);
      expect(load).toMatchObject({ kind: 'invalid', problems: [{ line: 5 }] });
    });
  }

  it('stops the CLI with the file, the line and the pattern, before any matching', async () => {
    const hostile = '+(a|aa)+(a|aa)+(a|aa)b';
    const root = repoWith({
      [`${'a'.repeat(12)}/blueprint.yaml`]: BLUEPRINT,
      '.github/blueprint-review.yml': `blueprints:\n  - '${hostile}'\n`,
    });
    const result = await runCli(['lint', '.'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain(
      `.github/blueprint-review.yml:2: the glob pattern "${hostile}" is refused`,
    );
  });

  it("is refused as the Action's blueprints input", () => {
    const read = () =>
      readInputs({ 'INPUT_GITHUB-TOKEN': 't', INPUT_BLUEPRINTS: 'blueprints/*\n+(a|aa)+(a|aa)b' });
    expect(read).toThrow(ActionError);
    expect(read).toThrow('Input "blueprints" is "+(a|aa)+(a|aa)b"');
  });

  it('is refused where blueprints are discovered, whatever door handed it over', async () => {
    const source = {
      list: async () => ['aaaa/blueprint.yaml'],
      read: async () => ({ kind: 'missing' as const }),
    };
    await expect(discoverBlueprints(source as never, '', ['+(a|aa)+(a|aa)b'])).rejects.toThrow(UnsafeGlob);
  });
});

describe('the config schema editors read', () => {
  const schema = JSON.parse(
    readFileSync(new URL('../../schemas/config.schema.json', import.meta.url), 'utf8'),
  ) as {
    $defs: {
      glob: { description: string };
      signoffRule: { properties: { when: { properties: { paths: { items: unknown } } } } };
    };
    properties: { blueprints: { items: unknown } };
  };

  it('says the limits a pattern is refused by, as the loader enforces them', () => {
    const { description } = schema.$defs.glob;
    expect(description).toContain(`at most ${MAX_BRACES} groups of ${MAX_ALTERNATIVES} alternatives`);
    expect(description).toContain(`at most ${MAX_GLOBSTARS} globstars`);
    expect(description).toContain('one `*` per path segment');
    expect(description).toContain(`at most ${MAX_PATTERN_LENGTH} characters`);
    expect(description).toContain('no extglobs');
  });

  it('gives every pattern list the loader checks the glob type (so editors show the limits)', () => {
    const { when } = schema.$defs.signoffRule.properties;
    expect(schema.properties.blueprints.items).toEqual({ $ref: '#/$defs/glob' });
    expect(when.properties.paths.items).toEqual({ $ref: '#/$defs/glob' });
  });
});

describe('the patterns the docs and examples use', () => {
  it('load, in blueprints and in sign-off rules', () => {
    const list = KEPT.map((p) => `  - ${JSON.stringify(p)}`).join('\n');
    const text = `blueprints:\n${list}\nsignoff:\n  rules:\n    - id: r\n      when:\n        paths:\n${KEPT.map((p) => `          - ${JSON.stringify(p)}`).join('\n')}\n      require: { teams: [acme/payments] }\n`;
    expect(parseConfig('.github/blueprint-review.yml', text, validator)).toMatchObject({ kind: 'ok' });
  });

  it('still match what they did', async () => {
    const source = {
      list: async () => [
        'blueprints/shop/blueprint.yaml',
        'blueprints/legacy/blueprint.yaml',
        'other/blueprint.yaml',
      ],
      read: async () => ({ kind: 'missing' as const }),
    };
    expect(await discoverBlueprints(source as never, '', ['blueprints/*'])).toEqual([
      'blueprints/shop',
      'blueprints/legacy',
    ]);
  });
});
