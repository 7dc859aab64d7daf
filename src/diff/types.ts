import type { FileSource } from '../core/file-source.js';
import type { Severity, SourceRange } from '../core/finding.js';
import type { ParseProblem } from '../core/located-document.js';
import type { LoadLimits } from '../load/limits.js';
import type { Versioning } from '../model/types.js';

/**
 * Who is affected by a change, seen from the contract's consumers (the systems listed under the
 * contract entry's `consumers`): `request` = what consumers send (may only widen), `response` = what
 * they read (may only narrow), `both` = either way (a type change), `none` = the contract as a whole.
 */
export type Direction = 'request' | 'response' | 'both' | 'none';

/** A place in one file of one side: repository path and JSON pointer. */
export interface Place {
  file: string;
  pointer: string;
}

/** One classified change: what changed (with both places), which check judged it, and how badly. */
export interface Change {
  /** The check id, e.g. `response-property-type-changed`; as a finding: `breaking/<id>`. */
  id: string;
  severity: Severity;
  direction: Direction;
  message: string;
  /** Where the element is in the base; absent when it was added. */
  base?: Place;
  /** Where the element is in the head; absent when it was removed (then `base` is where to look). */
  head?: Place;
  /** OpenAPI `GET /orders/{id}`, or the AsyncAPI operation id: the first affected one. */
  operation?: string;
  /** AsyncAPI channel address: the first affected one. */
  channel?: string;
  /**
   * Every operation the change affects. One change is one cause: a component schema shared by 40
   * operations that gains a nullable field is one change listing the 40 operations.
   */
  operations: string[];
  /** Every AsyncAPI channel address the change affects. */
  channels: string[];
  /** The consuming systems the blueprint names for the affected operations (or the contract). */
  consumers: string[];
  /** The check's default level is `error`: consumers break. */
  breaking: boolean;
  /**
   * Breaking, but the contract's versioning strategy consents (major bump, new versioned path):
   * reported as `warning`, and still needs the consumers' approval.
   */
  intended?: { reason: string };
}

export type VersioningStrategy = Versioning['strategy'];

export interface ContractSide {
  source: FileSource;
  /** Repository path of the contract's root document in `source`. */
  path: string;
}

/** Within one run, parsed documents keyed by content: identical files on both sides parse once. */
export interface ParseCache {
  get(text: string): ParsedDocument | undefined;
  set(text: string, parsed: ParsedDocument): void;
}

export type ParsedDocument =
  | {
      kind: 'ok';
      value: unknown;
      rangeOf: (pointer: string) => SourceRange;
      /** The line a pointer starts on, where that costs less than its range (see LocatedDocument). */
      lineOf?: (pointer: string) => number;
      /** Whether a `$ref` may name another file: when not, the file's values are not searched for refs. */
      refersToOtherFiles: boolean;
      /** Whether it may declare a `$id`, which refs inside its schema resolve against. */
      declaresIds?: true;
      /** Each object of `value` at one place (see LocatedDocument). */
      treeShaped?: true;
    }
  | { kind: 'error'; problems: ParseProblem[] };

/**
 * Which specification extensions the diff honours, and how (config `diff:`). `false` ignores one.
 * Defaults: `x-stability-level` (breaking changes to `draft`/`alpha` operations are info, the level
 * must not decrease), `x-sunset` (removal before the date is breaking), `x-extensible-enum` (a value
 * list consumers must expect to grow: adding a value is safe).
 */
export interface DiffExtensions {
  stability?: string | false;
  sunset?: string | false;
  extensibleEnum?: string | false;
  /** Stability levels whose breaking changes are reported as info. Default: draft, alpha. */
  unstableLevels?: readonly string[];
}

export interface DiffOptions {
  /** Consumer names for messages ("consumers billing and warehouse read it"). */
  consumers?: readonly string[];
  /**
   * The consumers the blueprint names per operation (key: `GET /orders`, an operationId, an AsyncAPI
   * operation id or channel address). Messages name the consumers of the affected operations.
   */
  operationConsumers?: ReadonlyMap<string, readonly string[]>;
  extensions?: DiffExtensions;
  versioning?: { strategy: VersioningStrategy };
  /** ISO date of "now" for sunset comparisons; defaults to the current date. */
  today?: string;
  limits?: Partial<LoadLimits>;
  /** Shared across calls of one run so a file seen twice parses once. */
  cache?: ParseCache;
}

export type DiffProblemCode =
  | 'missing'
  | 'unreadable'
  | 'too-large'
  | 'syntax'
  | 'not-a-contract'
  | 'kind-mismatch'
  | 'unresolved-ref'
  | 'unsafe-ref'
  | 'too-deep'
  | 'unsupported-dialect'
  | 'duplicate-declaration';

/** Why (part of) a diff could not be computed. `side` says which snapshot the file belongs to. */
export interface DiffProblem {
  code: DiffProblemCode;
  side: 'base' | 'head';
  file: string;
  pointer: string;
  /**
   * The 1-based line of `pointer` in `file`, when the file parsed and the pointer names a place in
   * it (a `$ref` that leaves the repository, a referenced file that is missing, a schema too deep).
   */
  line?: number;
  message: string;
}

export interface DiffResult {
  kind?: 'openapi' | 'asyncapi';
  baseVersion?: string;
  headVersion?: string;
  changes: Change[];
  problems: DiffProblem[];
}
