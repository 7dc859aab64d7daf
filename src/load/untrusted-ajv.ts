import draft4MetaSchema from '@stoplight/spectral-functions/dist/schema/draft4.json' with { type: 'json' };
import { Ajv } from 'ajv';
import type { AnySchemaObject, ValidateFunction } from 'ajv';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types/index.js';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import draft6MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import ajvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';

// A CommonJS module whose `module.exports` is the class, with itself as `default`.
const AjvDraft04 = ajvDraft04.default;
const addFormats = addFormatsModule.default;

/**
 * Ajv for schemas a repository wrote (an AsyncAPI message's payload, its examples checked against
 * it): every `pattern` and `patternProperties` key is matched by RE2 (re2js), in time linear in
 * the input. V8's backtracking engine takes exponential time on patterns such as `^(a+)+$` — a
 * 40-character example blocked the review's thread forever. A pattern RE2 cannot run (lookaround,
 * backreferences: features only a backtracking engine has) is not checked at all rather than run
 * unsafely: the example passes that keyword, nothing else is skipped.
 */
export const linearTimeRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): RegExpLike => {
    try {
      const re2 = RE2JS.compile(fromEcmaScript(pattern), flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
      return { test: (input: string) => re2.test(input) };
    } catch {
      return { test: () => true };
    }
  },
  { code: 'linearTimeRegExp' },
);

/**
 * ECMAScript pattern syntax RE2 spells differently: `\uXXXX` is `\x{XXXX}` there. One pass; an
 * escaped backslash (`\\u0041`) stays what it is.
 */
function fromEcmaScript(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c !== '\\' || i + 1 >= pattern.length) {
      out += c;
      continue;
    }
    const next = pattern[i + 1]!;
    const hex = pattern.slice(i + 2, i + 6);
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) {
      out += `\\x{${hex}}`;
      i += 5;
    } else {
      out += c + next;
      i++;
    }
  }
  return out;
}

/** Spectral's Ajv classes by dialect name ('auto' for anything else: draft-07 and older). */
const AJV_BY_DIALECT = {
  auto: Ajv,
  draft4: AjvDraft04,
  'draft2019-09': Ajv2019,
  'draft2020-12': Ajv2020,
} as const;

type AjvInstance = InstanceType<(typeof AJV_BY_DIALECT)[keyof typeof AJV_BY_DIALECT]>;

/**
 * What Spectral's `createAjvInstances` (spectral-functions 1.11.1, pinned) returns — per dialect and
 * error mode, one lazily made Ajv, compiled schemas remembered by `$id` or identity — with Spectral's
 * options, plus the linear-time pattern engine and minus `ajv-errors`: its `errorMessage` keyword
 * lets a schema write its own error text, and these schemas are the repository's. Spectral makes one
 * such set per document it lints; so does the caller (nothing a repository writes is remembered
 * across documents).
 */
export function untrustedAjvInstances(): (
  schema: { $id?: unknown; [keyword: string]: unknown },
  dialect: string,
  allErrors: boolean,
) => ValidateFunction {
  const instances = new Map<string, AjvInstance>();
  const compiled = new WeakMap<AjvInstance, WeakMap<object, ValidateFunction>>();
  const instance = (dialect: keyof typeof AJV_BY_DIALECT, allErrors: boolean): AjvInstance => {
    const key = `${dialect}:${allErrors}`;
    let ajv = instances.get(key);
    if (!ajv) {
      ajv = new AJV_BY_DIALECT[dialect]({
        allErrors,
        meta: true,
        messages: true,
        strict: false,
        allowUnionTypes: true,
        logger: false,
        unicodeRegExp: false,
        code: { regExp: linearTimeRegExp },
      });
      addFormats(ajv);
      if (dialect === 'auto') {
        ajv.addSchema(draft4MetaSchema);
        ajv.addSchema(draft6MetaSchema);
      }
      instances.set(key, ajv);
    }
    return ajv;
  };
  return (given, dialect, allErrors) => {
    const schema = given as AnySchemaObject;
    const ajv = instance(
      Object.hasOwn(AJV_BY_DIALECT, dialect) ? (dialect as keyof typeof AJV_BY_DIALECT) : 'auto',
      allErrors,
    );
    if (typeof schema.$id === 'string') return ajv.getSchema(schema.$id) ?? ajv.compile(schema);
    let byIdentity = compiled.get(ajv);
    if (!byIdentity) compiled.set(ajv, (byIdentity = new WeakMap()));
    let validate = byIdentity.get(schema);
    if (!validate) byIdentity.set(schema, (validate = ajv.compile(schema)));
    return validate;
  };
}
