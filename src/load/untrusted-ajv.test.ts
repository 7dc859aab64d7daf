import { describe, expect, it } from 'vitest';
import { linearTimeRegExp, untrustedAjvInstances } from './untrusted-ajv.js';

describe('linearTimeRegExp', () => {
  const matches = (pattern: string, input: string, flags = '') =>
    linearTimeRegExp(pattern, flags).test(input);

  it('matches as JSON Schema patterns do: unanchored unless anchored, classes, escapes', () => {
    expect(matches('b', 'abc')).toBe(true);
    expect(matches('^b', 'abc')).toBe(false);
    expect(matches('^[A-Z]{2}-\\d{3}$', 'AB-123')).toBe(true);
    expect(matches('^[A-Z]{2}-\\d{3}$', 'AB-1234')).toBe(false);
    expect(matches('^\\u00e9t\\u00E9$', 'été')).toBe(true);
    // An escaped backslash before `u` is a backslash and a `u`, not a character escape.
    expect(matches('^\\\\u0041$', '\\u0041')).toBe(true);
    expect(matches('^abc$', 'ABC', 'i')).toBe(true);
  });

  it('answers a pattern that backtracks exponentially in V8 at once, correctly', () => {
    const input = `${'a'.repeat(5000)}!`;
    expect(matches('^(a+)+$', input)).toBe(false);
    expect(matches('^(a|aa)*$', 'a'.repeat(5000))).toBe(true);
  });

  it('does not check a pattern only a backtracking engine runs (lookaround, backreference)', () => {
    expect(matches('^(?=.*\\d).+$', 'no digits')).toBe(true);
    expect(matches('^(a)\\1$', 'ab')).toBe(true);
  });
});

describe('untrustedAjvInstances', () => {
  it("validates with Spectral's options, patterns on RE2, and ignores a schema's own error texts", () => {
    const compile = untrustedAjvInstances();
    const schema = {
      type: 'object',
      properties: { code: { type: 'string', pattern: '^(a+)+$' } },
      errorMessage: 'ping @admins and see https://example.invalid',
    };
    const validate = compile(schema, 'auto', true);
    expect(validate({ code: `${'a'.repeat(40)}!` })).toBe(false);
    expect(validate.errors?.map((e) => e.message)).toEqual(['must match pattern "^(a+)+$"']);
    expect(validate({ code: 'aaaa' })).toBe(true);
    // Compiled once per schema object, as Spectral does.
    expect(compile(schema, 'auto', true)).toBe(validate);
    // Draft 2020-12 schemas get the 2020 dialect.
    const tuple = compile({ prefixItems: [{ type: 'string' }], items: false }, 'draft2020-12', false);
    expect(tuple(['x'])).toBe(true);
    expect(tuple(['x', 'y'])).toBe(false);
  });
});
