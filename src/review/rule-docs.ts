/**
 * What a comment says about a rule besides the finding itself: why the rule exists (one line) and
 * where its documentation lives. Built from the rule registry, the loader's own rule ids and (once
 * the contract diff provides them) the breaking-change checks.
 */
import type { RuleSet } from '../engine/rule-set.js';
import { CHECKS } from '../diff/index.js';
import { LOAD_RULE_DESCRIPTIONS } from '../load/diagnostics.js';

export interface RuleDocs {
  /** One line: why findings of this rule matter. Undefined for an unknown rule id. */
  rationale(ruleId: string): string | undefined;
  /** Link to `docs/rules/<id>.md`, or to the breaking-change catalogue for `breaking/<check>`. */
  url(ruleId: string): string;
}

/** Where the rule docs are published; overridable (GitHub Enterprise mirrors, forks). */
export const DEFAULT_DOCS_BASE_URL = 'https://github.com/blueprint-review/blueprint-review/blob/main/docs';

export interface RuleRationale {
  id: string;
  rationale: string;
}

export function ruleDocs(
  ruleSet: RuleSet,
  options: { baseUrl?: string; extra?: readonly RuleRationale[] } = {},
): RuleDocs {
  const rationales = new Map<string, string>();
  for (const [id, description] of Object.entries(LOAD_RULE_DESCRIPTIONS)) rationales.set(id, description);
  for (const check of CHECKS) rationales.set(`breaking/${check.id}`, check.description);
  for (const rule of ruleSet.rules) rationales.set(rule.meta.id, rule.meta.rationale);
  for (const { id, rationale } of options.extra ?? []) rationales.set(id, rationale);
  const base = (options.baseUrl ?? DEFAULT_DOCS_BASE_URL).replace(/\/$/, '');
  return {
    rationale: (id) => {
      const text = rationales.get(id);
      return text === undefined ? undefined : firstSentence(text);
    },
    url: (id) =>
      id.startsWith('breaking/')
        ? `${base}/breaking-changes.md`
        : `${base}/rules/${id.split('/').map(encodeURIComponent).join('/')}.md`,
  };
}

/** The first sentence: a comment's "why" is one line, the docs have the rest. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const match = /^(.+?[.!?])(\s|$)/.exec(flat);
  return match ? match[1]! : flat;
}
