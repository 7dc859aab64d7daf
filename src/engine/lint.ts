import type { Finding } from '../core/finding.js';
import { compareFindings, START_OF_FILE } from '../core/finding.js';
import { appendPointer } from '../core/pointer.js';
import type { BlueprintModel } from '../model/types.js';
import type { EffectiveRule } from './config.js';
import type { Report, Visitors } from './rule.js';
import { quoted } from './rule.js';
import { code, foreignText } from '../core/inert-text.js';

/**
 * Runs the enabled rules over a model in one walk and turns their reports into located findings.
 * A rule that throws does not take the review down with it, and does not pass silently either:
 * it becomes an `engine/rule-failed` error.
 */
export function lintModel(model: BlueprintModel, rules: readonly EffectiveRule[]): Finding[] {
  const findings: Finding[] = [];
  const active: { id: string; visitors: Visitors }[] = [];
  for (const { rule, severity, options } of rules) {
    const context = {
      model,
      options,
      report: (report: Report) =>
        findings.push(toFinding(model, rule.meta.id, severity, rule.meta.messages, report)),
    };
    guard(findings, model, rule.meta.id, () =>
      active.push({ id: rule.meta.id, visitors: rule.create(context) }),
    );
  }
  const visit = <K extends keyof Visitors>(key: K, element: Parameters<NonNullable<Visitors[K]>>[0]) => {
    for (const { id, visitors } of active) {
      const visitor = visitors[key] as ((e: typeof element) => void) | undefined;
      if (visitor) guard(findings, model, id, () => visitor(element));
    }
  };
  visit('blueprint', model);
  model.systems.forEach((s) => visit('system', s));
  model.components.forEach((c) => visit('component', c));
  model.contracts.forEach((c) => visit('contract', c));
  model.flows.forEach((f) => visit('flow', f));
  model.requirements.forEach((r) => visit('requirement', r));
  model.adrs.forEach((a) => visit('adr', a));
  model.errorHandlingPolicies.forEach((p) => visit('errorHandlingPolicy', p));
  model.securityPolicies.forEach((p) => visit('securityPolicy', p));
  return dedupe(findings).sort(compareFindings);
}

function toFinding(
  model: BlueprintModel,
  ruleId: string,
  severity: Finding['severity'],
  messages: Record<string, string>,
  report: Report,
): Finding {
  const template = messages[report.messageId];
  if (template === undefined)
    throw new Error(`rule ${ruleId} reported unknown messageId "${report.messageId}"`);
  const message = fillTemplate(template, report.data);
  const pointer = appendPointer(report.at.pointer, ...(report.path ?? []));
  const doc = model.documents.get(report.at.file);
  const finding: Finding = {
    ruleId,
    severity,
    message,
    file: report.at.file,
    pointer,
    range: doc ? doc.rangeOf(pointer) : START_OF_FILE,
  };
  if (report.fix) finding.fix = report.fix;
  return finding;
}

const SLOT = /"\{\{\s*(\w+)\s*\}\}"|\{\{\s*(\w+)\s*\}\}/g;
const BARE_SLOT = /\{\{\s*(\w+)\s*\}\}/g;
const HAS_SLOT = /\{\{\s*\w+\s*\}\}/;
/** A code span of a template: templates fence their spans with single backticks. */
const TEMPLATE_SPAN = /(`[^`]*`)/;

/**
 * A message template filled from a report's data. A quoted slot (`System "{{id}}" has no owner`)
 * holds a repository value: its double quotes and backslashes are escaped, so a value cannot end the
 * quotation and have the rest read as the message's own words (`System "x" ✅ All approvals present
 * "y" …`). A code span of the template holding slots (`` Operation `{{operation}}` ``, `` add
 * `requirements: [{{requirement}}]` ``) is filled and then fenced again (`code`): a backtick in a
 * value cannot close it early.
 */
export function fillTemplate(template: string, data: Report['data']): string {
  return template
    .split(TEMPLATE_SPAN)
    .map((part, i) => (i % 2 === 1 ? fillSpan(part, data) : fillText(part, data)))
    .join('');
}

function fillText(text: string, data: Report['data']): string {
  return text.replace(SLOT, (slot: string, quotedSlot: string | undefined, bare: string | undefined) => {
    const value = data?.[(quotedSlot ?? bare)!];
    if (value === undefined || value === null) return slot;
    return quotedSlot !== undefined ? quoted(value) : String(value);
  });
}

function fillSpan(span: string, data: Report['data']): string {
  const inner = span.slice(1, -1);
  if (!HAS_SLOT.test(inner)) return span;
  return code(
    inner.replace(BARE_SLOT, (slot: string, name: string) => {
      const value = data?.[name];
      return value === undefined || value === null ? slot : String(value);
    }),
  );
}

function guard(findings: Finding[], model: BlueprintModel, ruleId: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    // The error's words quote what the rule failed on (an id, a field): one quotation (`foreignText`).
    const detail = error instanceof Error ? error.message : String(error);
    findings.push({
      ruleId: 'engine/rule-failed',
      severity: 'error',
      message: `Rule ${ruleId} failed on this blueprint (${foreignText(detail)}); the review is incomplete. Please report this.`,
      file: `${model.root ? model.root + '/' : ''}blueprint.yaml`,
      pointer: '',
      range: START_OF_FILE,
    });
  }
}

/** A shared policy is visited once per flow that uses it; report each location and message once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\0${f.file}\0${f.pointer}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
