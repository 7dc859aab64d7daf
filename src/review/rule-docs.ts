/**
 * What a comment says about a rule besides the finding itself: why the rule exists (one line), and
 * either a link to its page (when the user has said where the docs are published) or the rule's own
 * explanation inline, collapsed — never a link to an address nobody configured. Built from the rule
 * registry, the loader's own rule ids and the breaking-change checks.
 */
import type { RuleSet } from '../engine/rule-set.js';
import { CHECKS } from '../diff/index.js';
import { LOAD_RULE_DESCRIPTIONS } from '../load/diagnostics.js';
import { ruleDocsPage, ruleDocsUrl } from '../report/docs-links.js';

export interface RuleDocs {
  /** One line: why findings of this rule matter. Undefined for an unknown rule id. */
  rationale(ruleId: string): string | undefined;
  /** The rule's published page, or undefined when no docs address is configured. */
  url(ruleId: string): string | undefined;
  /** The rule's explanation in our own words (Markdown), for when there is no link to follow. */
  help(ruleId: string): string | undefined;
}

export interface RuleRationale {
  id: string;
  rationale: string;
}

interface RuleText {
  description: string;
  rationale?: string;
}

export function ruleDocs(
  ruleSet: RuleSet,
  /** `docsUrl`: validated by `parseDocsUrl` (src/report/docs-links.ts). */
  options: { docsUrl?: string; extra?: readonly RuleRationale[] } = {},
): RuleDocs {
  const texts = new Map<string, RuleText>();
  for (const [id, description] of Object.entries(LOAD_RULE_DESCRIPTIONS)) texts.set(id, { description });
  for (const check of CHECKS) texts.set(`breaking/${check.id}`, { description: check.description });
  for (const rule of ruleSet.rules)
    texts.set(rule.meta.id, { description: rule.meta.description, rationale: rule.meta.rationale });
  for (const { id, rationale } of options.extra ?? [])
    texts.set(id, { ...(texts.get(id) ?? { description: rationale }), rationale });
  const { docsUrl } = options;
  return {
    rationale: (id) => {
      const text = texts.get(id);
      return text === undefined ? undefined : firstSentence(text.rationale ?? text.description);
    },
    url: (id) => (docsUrl === undefined ? undefined : ruleDocsUrl(docsUrl, id)),
    help: (id) => {
      const text = texts.get(id);
      if (text === undefined) return undefined;
      const paragraphs = [text.description];
      if (text.rationale) paragraphs.push(text.rationale);
      paragraphs.push(`Documentation: \`docs/${ruleDocsPage(id)}\` in the blueprint-review package.`);
      return paragraphs.join('\n\n');
    },
  };
}

/**
 * The rule line under a finding in Markdown: a link to the rule's page, or — with no docs address —
 * the rule's explanation in a collapsed `<details>`, so the comment is complete offline.
 */
export function ruleReferenceMarkdown(ruleId: string, docs: RuleDocs): string {
  const url = docs.url(ruleId);
  if (url !== undefined) return `<sub>Rule [\`${ruleId}\`](${url})</sub>`;
  const help = docs.help(ruleId);
  if (help === undefined) return `<sub>Rule \`${ruleId}\`</sub>`;
  return `<details><summary>Rule <code>${ruleId}</code></summary>\n\n${help}\n\n</details>`;
}

/** The rule in a table cell: linked when the docs are published, plain otherwise. */
export function ruleCellMarkdown(ruleId: string, docs: RuleDocs): string {
  const url = docs.url(ruleId);
  return url === undefined ? `\`${ruleId}\`` : `[\`${ruleId}\`](${url})`;
}

/** The first sentence: a comment's "why" is one line, the docs have the rest. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const match = /^(.+?[.!?])(\s|$)/.exec(flat);
  return match ? match[1]! : flat;
}
