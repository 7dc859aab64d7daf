import { describe, expect, it } from 'vitest';
import { mayHaveExternalRef } from './load.js';

describe('mayHaveExternalRef', () => {
  it('ignores internal refs and prose', () => {
    expect(mayHaveExternalRef('{"$ref": "#/components/schemas/A", "d": "use $ref here"}')).toBe(false);
    expect(mayHaveExternalRef('a:\n  $ref: \'#/x\'\nb: { $ref: "#/y" }\n')).toBe(false);
  });

  it('finds refs to other files in JSON and YAML, quoted or not', () => {
    expect(mayHaveExternalRef('{"$ref": "other.json#/a"}')).toBe(true);
    expect(mayHaveExternalRef('schema:\n  $ref: ./shared/x.yaml\n')).toBe(true);
    expect(mayHaveExternalRef("schema: { '$ref' : 'x.yaml#/A' }\n")).toBe(true);
    expect(mayHaveExternalRef('schema:\n  $ref:\n    x.yaml\n')).toBe(true);
  });
});
