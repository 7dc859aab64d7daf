/**
 * The bench's blueprint generator stays valid as the format and the rules evolve: its output loads
 * without a schema problem, validates as OpenAPI/AsyncAPI, and lints without a finding.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import { RULE_SET } from '../../rules/index.js';
import { generateBlueprint } from './generate-blueprint.js';

describe('generateBlueprint', () => {
  it('writes a blueprint that loads, validates and lints cleanly', { timeout: 60_000 }, async () => {
    // 5 contracts in include files of 2 flows: both kinds of contract, several parts, a consumer wrap-around.
    const generated = generateBlueprint({ contracts: 5, flowsPerPart: 2 });
    const { rules } = resolveRules(RULE_SET, { preset: 'strict' });
    const result = await lintBlueprint(
      new InMemoryFileSource(Object.fromEntries(generated.files), 'generated'),
      generated.root,
      rules,
    );
    expect(result.findings).toEqual([]);
    expect(result.model?.contracts.map((c) => [c.id, c.document?.kind])).toEqual([
      ['api-0000', 'openapi'],
      ['events-0001', 'asyncapi'],
      ['api-0002', 'openapi'],
      ['events-0003', 'asyncapi'],
      ['api-0004', 'openapi'],
    ]);
    expect(result.model?.flows).toHaveLength(5);
  });

  it('gives the same bytes for the same size', () => {
    const a = generateBlueprint({ contracts: 3 });
    const b = generateBlueprint({ contracts: 3 });
    expect([...a.files]).toEqual([...b.files]);
    expect(a.contractFiles).toEqual([
      'blueprints/org/contracts/api-0000.openapi.yaml',
      'blueprints/org/contracts/events-0001.asyncapi.yaml',
      'blueprints/org/contracts/api-0002.openapi.yaml',
    ]);
  });
});
