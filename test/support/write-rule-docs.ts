/**
 * `npm run docs:rules`: regenerates docs/rules/ from the rule modules. Removes pages of rules that no
 * longer exist, so the folder is exactly what `buildRuleDocs` renders (test/rules/docs.test.ts checks it).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildRuleDocs } from '../../src/report/rule-docs.js';
import { listMarkdown, RULE_DOCS_DIR, RULE_DOCS_INPUT } from './rule-docs-input.js';

const pages = await buildRuleDocs(RULE_DOCS_INPUT);
for (const file of listMarkdown(RULE_DOCS_DIR)) if (!pages.has(file)) rmSync(path.join(RULE_DOCS_DIR, file));
for (const [file, text] of pages) {
  mkdirSync(path.dirname(path.join(RULE_DOCS_DIR, file)), { recursive: true });
  writeFileSync(path.join(RULE_DOCS_DIR, file), text);
}
console.log(`${pages.size} pages written to ${RULE_DOCS_DIR}/`);
