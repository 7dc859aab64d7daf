import type { LintConfig } from '../engine/config.js';
import { parseLocated } from '../core/located-document.js';
import type { LoadLimits } from './limits.js';
import type { SchemaValidator } from './schema-validation.js';
import { unsafeConfigGlobs } from './config-globs.js';

/** `.github/blueprint-review.yml`, as validated against schemas/config.schema.json. */
export interface BlueprintReviewConfig extends LintConfig {
  _extends?: string;
  blueprints?: string[];
  limits?: Partial<LoadLimits>;
  review?: { maxLineComments?: number };
  /** The contract diff's extensions (schemas/config.schema.json `diff`). */
  diff?: {
    extensions?: { stability?: string | false; sunset?: string | false; extensibleEnum?: string | false };
    unstableLevels?: string[];
  };
  signoff?: Record<string, unknown>;
}

export type ConfigLoad =
  | { kind: 'ok'; config: BlueprintReviewConfig }
  | { kind: 'invalid'; problems: { line: number; message: string }[] };

/** Parses and validates a config file's text. Never throws: every problem comes back with its line. */
export function parseConfig(file: string, text: string, validator: SchemaValidator): ConfigLoad {
  const parsed = parseLocated(file, text);
  if (parsed.kind === 'error') {
    return {
      kind: 'invalid',
      problems: parsed.problems.map((p) => ({ line: p.range.start.line, message: p.message })),
    };
  }
  const value = parsed.document.value ?? {};
  const violations = validator.validate('config', value);
  // Patterns that could take minutes to match are refused too, once the shape is known good.
  if (violations.length === 0) violations.push(...unsafeConfigGlobs(value));
  if (violations.length > 0) {
    return {
      kind: 'invalid',
      problems: violations.map((v) => ({
        line: parsed.document.rangeOf(v.pointer).start.line,
        message: v.message,
      })),
    };
  }
  return { kind: 'ok', config: value as BlueprintReviewConfig };
}
