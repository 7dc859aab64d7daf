/**
 * What the app expects GitHub's answers to look like, checked before anything is used. GitHub and
 * Octokit can hand back something else — a file list as text, a blob as a raw string once the JSON
 * body passes about 8 MB (Octokit then stops parsing) — and an unchecked `undefined` flowing on once
 * produced a false "None of the 31457994 changed files belongs to a blueprint". A shape keeps only
 * the fields it names and throws a `ShapeError` naming the first field that differs.
 */

/** Checks a value and returns the part the app uses; throws `ShapeError` otherwise. */
export type Shape<T> = (value: unknown, path: string) => T;

export type ShapeOf<S> = S extends Shape<infer T> ? T : never;

export class ShapeError extends Error {
  override readonly name = 'ShapeError';
  constructor(
    /** Where in the answer, e.g. `tree[3].sha` (empty for the answer itself). */
    readonly path: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${path === '' ? 'the answer' : `\`${path}\``} is ${got}, expected ${expected}`);
  }
}

/** A short description of what arrived instead: never the value itself (it can be megabytes). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `text (${value.length.toLocaleString('en-US')} characters)`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return 'binary data';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function primitive<T>(expected: string, test: (value: unknown) => boolean): Shape<T> {
  return (value, path) => {
    if (!test(value)) throw new ShapeError(path, expected, describeValue(value));
    return value as T;
  };
}

export const string: Shape<string> = primitive('text', (v) => typeof v === 'string');
export const integer: Shape<number> = primitive('a whole number', (v) => Number.isSafeInteger(v));
export const boolean: Shape<boolean> = primitive('true or false', (v) => typeof v === 'boolean');

export function optional<T>(shape: Shape<T>): Shape<T | undefined> {
  return (value, path) => (value === undefined ? undefined : shape(value, path));
}

export function nullable<T>(shape: Shape<T>): Shape<T | null> {
  return (value, path) => (value === null ? null : shape(value, path));
}

export function array<T>(item: Shape<T>): Shape<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new ShapeError(path, 'a list', describeValue(value));
    return value.map((v, i) => item(v, `${path}[${i}]`));
  };
}

type Fields = Record<string, Shape<unknown>>;
type ObjectOf<F extends Fields> = { [K in keyof F]: ShapeOf<F[K]> };

/** An object with (at least) these fields; only they are kept. */
export function object<F extends Fields>(fields: F): Shape<ObjectOf<F>> {
  return (value, path) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new ShapeError(path, 'an object', describeValue(value));
    const out: Record<string, unknown> = {};
    for (const [key, shape] of Object.entries(fields)) {
      const field = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
      const checked = shape(field, path === '' ? key : `${path}.${key}`);
      if (checked !== undefined) out[key] = checked;
    }
    return out as ObjectOf<F>;
  };
}

/** One of a few literal strings (a status, a type). */
export function oneOf<const T extends readonly string[]>(...values: T): Shape<T[number]> {
  return primitive(values.map((v) => `"${v}"`).join(' or '), (v) => values.includes(v as string));
}

/**
 * A file's raw content (`mediaType: { format: 'raw' }`): Octokit hands it over as text for a text
 * content type and as bytes for any other; JSON here means GitHub ignored the raw request.
 */
export const rawText: Shape<string> = (value, path) => {
  if (typeof value === 'string') return value;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value))
    return new TextDecoder().decode(value as ArrayBuffer);
  throw new ShapeError(path, "the file's raw content", describeValue(value));
};

/** Any answer: for writes whose answer the app does not use. */
export const ignored: Shape<undefined> = () => undefined;
