/**
 * `npx tsx test/diff-eval/run-eval.ts`: the evaluation set's figures — breaking pairs caught and
 * safe pairs kept — with every miss and false alarm by name. eval.test.ts asserts the thresholds.
 */
import { CASES } from './cases.js';
import { diffTexts } from '../support/diff-pair.js';

const missed: string[] = [];
const falseAlarms: string[] = [];
for (const c of CASES) {
  const result = await diffTexts(c.base, c.head, { today: '2030-01-01' });
  const errors = result.changes.filter((x) => x.severity === 'error').map((x) => x.id);
  const all = result.changes.map((x) => `${x.id}:${x.severity}`).join(', ');
  if (c.breaking && errors.length === 0) missed.push(`${c.name}  [${all}]`);
  if (!c.breaking && errors.length > 0) falseAlarms.push(`${c.name}  [${errors.join(', ')}]`);
}
const breaking = CASES.filter((c) => c.breaking).length;
const safe = CASES.length - breaking;
const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(1)}%`;
console.log(
  `breaking pairs: ${breaking}, caught ${breaking - missed.length} (${pct(breaking - missed.length, breaking)})`,
);
console.log(
  `safe pairs: ${safe}, kept ${safe - falseAlarms.length} (${pct(safe - falseAlarms.length, safe)})`,
);
for (const m of missed) console.log(`missed: ${m}`);
for (const f of falseAlarms) console.log(`false alarm: ${f}`);
