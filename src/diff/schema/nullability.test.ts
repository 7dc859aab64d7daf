import { describe, expect, it } from 'vitest';
import { isNullPlaceholder } from './nullability.js';

describe("3.0's placeholder branch for null", () => {
  it('is `{type: object, nullable: true}`, titles and descriptions aside', () => {
    expect(isNullPlaceholder({ type: 'object', nullable: true }, '3.0')).toBe(true);
    expect(isNullPlaceholder({ type: 'object', nullable: true, description: 'or none' }, '3.0')).toBe(true);
  });

  it('is not an object branch that constrains anything', () => {
    expect(isNullPlaceholder({ type: 'object', nullable: true, properties: {} }, '3.0')).toBe(false);
    expect(isNullPlaceholder({ type: 'object', nullable: true, required: ['id'] }, '3.0')).toBe(false);
    expect(isNullPlaceholder({ type: 'object', nullable: true, additionalProperties: false }, '3.0')).toBe(
      false,
    );
    expect(isNullPlaceholder({ type: 'object' }, '3.0')).toBe(false);
    expect(isNullPlaceholder({ type: 'string', nullable: true }, '3.0')).toBe(false);
  });

  it('is 3.0 only: in 2020-12 `nullable` is no keyword and the branch admits every object', () => {
    expect(isNullPlaceholder({ type: 'object', nullable: true }, '2020-12')).toBe(false);
    expect(isNullPlaceholder({ type: 'object', nullable: true }, 'draft-07')).toBe(false);
  });
});
