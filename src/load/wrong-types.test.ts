import { describe, expect, it } from 'vitest';
import type { SchemaViolation } from './schema-validation.js';
import { withoutWrongTypes } from './wrong-types.js';

const violation = (pointer: string, expectedTypes?: SchemaViolation['expectedTypes']): SchemaViolation => ({
  pointer,
  message: `${pointer} is wrong`,
  ...(expectedTypes ? { expectedTypes } : {}),
});

describe('withoutWrongTypes', () => {
  it('leaves out each value of the wrong type once, however many violations name it', () => {
    const value = { consumers: [1, 'a', { x: 1 }, 'b'], owner: 5, name: 'n' };
    const violations = [
      violation('/consumers/0', ['string']),
      violation('/consumers/0', ['string']),
      violation('/consumers/2', ['string']),
      violation('/owner', ['string']),
      violation('/name'),
    ];
    const pruned = withoutWrongTypes(value, violations);
    expect(pruned.value).toEqual({ consumers: ['a', 'b'], name: 'n' });
    expect(pruned.leftOut).toEqual(violations.slice(0, 4));
    // The parsed document itself is untouched.
    expect(value.consumers).toHaveLength(4);
  });

  it('leaves a hole where an entry of a list of mappings was (the entries after it keep their index)', () => {
    const value = { systems: [{ id: 'a' }, 'not a mapping', { id: 'c' }], tags: ['x', 7, 'y'] };
    const pruned = withoutWrongTypes(value, [
      violation('/systems/1', ['object']),
      violation('/tags/1', ['string']),
    ]);
    const systems = pruned.value.systems;
    expect(systems).toHaveLength(3);
    expect(1 in systems).toBe(false);
    expect(systems.flatMap((s, i) => [[i, s]])).toEqual([
      [0, { id: 'a' }],
      [2, { id: 'c' }],
    ]);
    // A list of scalars is read as a list of names: the wrong one is cut out.
    expect(pruned.value.tags).toEqual(['x', 'y']);
  });

  it('keeps a value whose type is allowed (the violation is about something else)', () => {
    const pruned = withoutWrongTypes({ pattern: 'rpc' }, [violation('/pattern', ['string'])]);
    expect(pruned).toEqual({ value: { pattern: 'rpc' }, leftOut: [] });
  });
});
