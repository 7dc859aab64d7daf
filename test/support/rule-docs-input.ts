/** What the rule catalogue docs are rendered from: the registry, the loader's checks, the shared example files. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ORDER_EVENTS_ASYNCAPI, ORDERS_OPENAPI } from '../../rules/examples.js';
import { RULE_SET } from '../../rules/index.js';
import { PAYMENTS_OPENAPI } from '../../rules/support/examples.js';
import { LOAD_RULE_DESCRIPTIONS } from '../../src/load/diagnostics.js';
import type { RuleDocsInput } from '../../src/report/rule-docs.js';

export const RULE_DOCS_DIR = 'docs/rules';

export const RULE_DOCS_INPUT: RuleDocsInput = {
  ruleSet: RULE_SET,
  loadRules: LOAD_RULE_DESCRIPTIONS,
  sharedFiles: {
    'contracts/orders.openapi.yaml': ORDERS_OPENAPI,
    'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI,
    'contracts/payments.openapi.yaml': PAYMENTS_OPENAPI,
  },
};

/** Markdown files under `dir`, relative to it (`topology/duplicate-id.md`); [] when it does not exist. */
export function listMarkdown(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) =>
    e.isDirectory()
      ? listMarkdown(path.join(dir, e.name), `${prefix}${e.name}/`)
      : e.name.endsWith('.md')
        ? [`${prefix}${e.name}`]
        : [],
  );
}
