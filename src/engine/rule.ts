import type { Fix, Severity } from '../core/finding.js';
import type {
  Adr,
  BlueprintModel,
  Component,
  ContractEntry,
  ErrorHandlingPolicy,
  Flow,
  Loc,
  NamedPolicy,
  Requirement,
  SecurityPolicy,
  System,
} from '../model/types.js';

export type Category =
  'topology' | 'error-handling' | 'security' | 'decisions' | 'requirements' | 'contracts';

export const CATEGORIES: readonly Category[] = [
  'topology',
  'error-handling',
  'security',
  'decisions',
  'requirements',
  'contracts',
];

/** A small repository snapshot: path (relative to the blueprint folder) → file text. */
export type ExampleFiles = Record<string, string>;

export interface RuleExample {
  description: string;
  files: ExampleFiles;
}

export interface RuleMeta<Options> {
  /** `category/name`, stable forever: configs and suppressions refer to it. */
  id: string;
  category: Category;
  /** Severity under the `recommended` preset. */
  severity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** Why it matters, for the docs and the PR comment's "why" line. */
  rationale: string;
  /** Where the advice comes from (Resilience4j, Google SRE, OWASP ASVS, …). */
  sources: string[];
  /** Message templates by id; `{{name}}` is replaced from the report's `data`. */
  messages: Record<string, string>;
  /** JSON Schema of the options object, and its defaults. */
  options?: { schema: Record<string, unknown>; defaults: Options };
  /** Shown in the docs and run by the test suite: `bad` must trigger the rule, `good` must not. */
  examples: { bad: RuleExample[]; good: RuleExample[] };
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  /** The element the finding is about; `path` descends into it (may name a field that is missing). */
  at: Loc;
  path?: (string | number)[];
  fix?: Fix;
}

export interface RuleContext<Options> {
  readonly model: BlueprintModel;
  readonly options: Options;
  report(report: Report): void;
}

/** Called once per element during one walk of the model; rules pick what they care about. */
export interface Visitors {
  blueprint?(model: BlueprintModel): void;
  system?(system: System): void;
  component?(component: Component): void;
  contract?(contract: ContractEntry): void;
  flow?(flow: Flow): void;
  requirement?(requirement: Requirement): void;
  adr?(adr: Adr): void;
  errorHandlingPolicy?(policy: NamedPolicy<ErrorHandlingPolicy>): void;
  securityPolicy?(policy: NamedPolicy<SecurityPolicy>): void;
}

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta<Options>;
  create(context: RuleContext<Options>): Visitors;
}

/** Identity function that lets TypeScript infer a rule's option type from its defaults. */
export function defineRule<Options = Record<string, never>>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

// Rules are stored heterogeneously; their options are validated against their own schema at config time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

// Rules name repository values through these (core/inert-text.ts, where the loader and init use them too).
export { idText, quoted } from '../core/inert-text.js';
