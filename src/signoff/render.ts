/**
 * The decision in words: a check-run title and Markdown summary (a table per rule, who still has to
 * approve and why, and on success the sign-off record), and plain text for the terminal.
 */
import { markdownCellCode, markdownCellMessage } from '../core/inert-cell.js';
import {
  MAX_MESSAGE_CHARS,
  markdownCell,
  markdownCode as code,
  markdownMessage,
  plainText,
  truncateMarkdown,
} from '../core/inert-text.js';
import type { Blocker, GateDecision, GroupOutcome, RuleOutcome } from './evaluate.js';

/** GitHub's limit on a check run's summary. */
export const MAX_SUMMARY_CHARS = 65_535;

export function decisionTitle(decision: GateDecision): string {
  const missing = totalMissing(decision);
  switch (decision.state) {
    case 'success':
      return decision.rules.length === 0
        ? 'No blueprint change needs sign-off'
        : `Signed off: ${decision.rules.length} rule${plural(decision.rules.length)} satisfied`;
    case 'action_required':
      return `Waiting for ${missing} approval${plural(missing)}`;
    case 'failure':
      if (decision.blockers.length > 0) return blockedTitle(decision);
      if (decision.unanswered) return 'Not evaluated: GitHub did not answer (re-run this check)';
      return `Blocked: ${decision.problems.length} problem${plural(decision.problems.length)} to fix`;
  }
}

/** Who blocks, and how when they all block alike (a change request is the plain case). */
function blockedTitle(decision: GateDecision): string {
  const names = blockerNames(decision);
  return decision.blockers.every((b) => b.kind === 'changes-requested')
    ? `Blocked: ${names} requested changes`
    : `Blocked: waiting for ${names} to review again`;
}

/** Blockers named in a title: the summary lists them all. */
const TITLE_BLOCKERS = 3;

/**
 * Who blocks, for the title: the first few, then how many more. A title is one line in the merge box
 * and GitHub documents no length for it — a long list of designated approvers must not make the
 * verdict's write fail (the gate would then stay pending, never pass, but say nothing useful).
 */
function blockerNames(decision: GateDecision): string {
  const names = decision.blockers.map((b) => '@' + b.login);
  if (names.length <= TITLE_BLOCKERS) return names.join(', ');
  return `${names.slice(0, TITLE_BLOCKERS).join(', ')} and ${names.length - TITLE_BLOCKERS} more`;
}

/** One line per group still short of approvals: who, how many, and why. */
export function stillNeeds(decision: GateDecision): string[] {
  const lines = new Map<string, { group: GroupOutcome; reasons: Set<string>; rules: string[] }>();
  for (const rule of decision.rules)
    for (const group of rule.groups) {
      if (group.missing === 0) continue;
      const key = `${group.label}#${group.missing}`;
      const line = lines.get(key) ?? { group, reasons: new Set<string>(), rules: [] };
      for (const r of group.reasons) line.reasons.add(r);
      line.rules.push(rule.ruleId);
      lines.set(key, line);
    }
  return [...lines.values()].map(
    ({ group, reasons, rules }) =>
      `Still needs: ${group.missing} approval${plural(group.missing)} from ${group.label} (${[...reasons].join('; ')}; rule${plural(rules.length)} ${rules.join(', ')})`,
  );
}

export function renderSummaryMarkdown(decision: GateDecision): string {
  const parts: string[] = [];
  parts.push(`**${decisionTitle(decision)}** — head ${code(decision.headSha.slice(0, 7))}`);
  if (decision.blockers.length > 0) parts.push(decision.blockers.map(blockerLine).join('\n'));
  // Who still has to approve comes before the problems: a summary too long for GitHub is cut at its
  // end, and a long list of problems (each quoting repository text) must not push it out.
  const needs = stillNeeds(decision);
  if (needs.length > 0) parts.push(needs.map((l) => `- ${markdownMessage(l)}`).join('\n'));
  if (decision.problems.length > 0)
    parts.push(decision.problems.map((p) => `- ${markdownMessage(p)}`).join('\n'));
  if (decision.rules.length > 0) parts.push(ruleTable(decision.rules));
  if (decision.notes.length > 0)
    parts.push(['**Not counted**', ...decision.notes.map((n) => `- ${markdownMessage(n)}`)].join('\n'));
  if (decision.state === 'success' && decision.rules.length > 0) parts.push(signoffRecord(decision));
  return truncate(parts.join('\n\n') + '\n');
}

/** A blocker in the summary: what is true of their review, and what lifts the block. */
function blockerLine(b: Blocker): string {
  const on = b.sha ? ` on ${code(b.sha.slice(0, 7))}` : '';
  switch (b.kind) {
    case 'changes-requested':
      return `- Blocked by @${b.login}, who requested changes${on} as ${b.as}. The gate stays blocked until @${b.login} approves (or someone who did not write or push this change dismisses the review).`;
    case 'dismissal-unexplained':
      return `- Blocked by @${b.login} as ${b.as}: @${b.login}'s review${on} was dismissed and GitHub does not say what it was (it may have requested changes). Ask @${b.login} to review again: the gate stays blocked until @${b.login} approves.`;
    case 'unknown-state':
      return `- Blocked by @${b.login} as ${b.as}: @${b.login}'s latest review${on} has the state ${code(b.state)}, which this version of blueprint-review does not know (it may request changes). Ask @${b.login} to review again: the gate stays blocked until @${b.login} approves.`;
  }
}

function ruleTable(rules: readonly RuleOutcome[]): string {
  const rows = rules.flatMap((rule) => {
    const groups: (GroupOutcome | undefined)[] = rule.groups.length > 0 ? rule.groups : [undefined];
    // Repository text (rule ids, reasons, labels, contracts) through the cell writers, each within
    // its bound with its pipes escaped; logins and shas are GitHub's.
    return groups.map((g, i) =>
      [
        i === 0 ? `${markdownCellCode(rule.ruleId)}${rule.origin === 'built-in' ? ' (built-in)' : ''}` : '',
        i === 0 ? becauseCell(rule.because) : '',
        g ? `${markdownCellMessage(g.label)}${g.needed > 1 ? ` (${g.needed} approvals)` : ''}` : '—',
        g
          ? markdownCell(g.approvedBy.map((a) => `@${a.login} on ${code(a.sha.slice(0, 7))}`).join(', ')) ||
            '—'
          : '—',
        missingCell(rule, g),
      ].join(' | '),
    );
  });
  return [
    '| Rule | Why it applies | Who can approve | Approved by | Missing |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

/**
 * Longest "why it applies" cell, in characters as shown. A rule holds one reason per element it
 * matches, and a rule matching thousands made its row longer than the whole summary: the summary is
 * cut between lines, so the row went, and with it the rule that asks for the approval.
 */
const BECAUSE_CELL_CHARS = MAX_MESSAGE_CHARS;

/** The reasons that fit in `BECAUSE_CELL_CHARS` (the first always), then how many more there are. */
function becauseCell(because: readonly string[]): string {
  const shown: string[] = [];
  let used = 0;
  for (const reason of because) {
    const cell = markdownCellMessage(reason);
    const length = cell.length + (shown.length > 0 ? BREAK.length : 0);
    if (shown.length > 0 && used + length > BECAUSE_CELL_CHARS) break;
    shown.push(cell);
    used += length;
  }
  const more = because.length - shown.length;
  if (more > 0) shown.push(`… and ${more.toLocaleString('en')} more`);
  return shown.join(BREAK);
}

const BREAK = '<br>';

function missingCell(rule: RuleOutcome, group: GroupOutcome | undefined): string {
  const parts: string[] = [];
  if (group && group.missing > 0) parts.push(`${group.missing} approval${plural(group.missing)}`);
  if (group === rule.groups[0] || rule.groups.length === 0)
    for (const record of rule.changeRecords)
      if (record.status.kind !== 'ok') parts.push(`change record for ${markdownCellCode(record.contract)}`);
  return parts.join(', ') || '✓';
}

function signoffRecord(decision: GateDecision): string {
  return [`**Sign-off record** (head ${code(decision.headSha)})`, ...signoffRecordLines(decision, code)].join(
    '\n',
  );
}

/** Who approved what, with `quote` formatting shas, rule ids, contracts and paths for the medium. */
function signoffRecordLines(decision: GateDecision, quote: (text: string) => string): string[] {
  const byLogin = new Map<string, { sha: string; rules: Set<string>; via: Set<string> }>();
  for (const rule of decision.rules)
    for (const group of rule.groups)
      for (const a of group.approvedBy) {
        const entry = byLogin.get(a.login) ?? { sha: a.sha, rules: new Set(), via: new Set() };
        entry.rules.add(rule.ruleId);
        entry.via.add(a.via);
        byLogin.set(a.login, entry);
      }
  const lines = [...byLogin.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(
      ([login, e]) =>
        `- @${login} approved ${quote(e.sha)} as ${[...e.via].map(quote).join(', ')} under ${[...e.rules].map(quote).join(', ')}`,
    );
  const records = decision.rules.flatMap((r) =>
    r.changeRecords.flatMap((c) =>
      c.status.kind === 'ok' ? [`- Change record for ${quote(c.contract)}: ${quote(c.status.path)}`] : [],
    ),
  );
  return [...lines, ...records];
}

/** The decision for a terminal: the same facts, no Markdown. */
export function renderDecisionText(decision: GateDecision): string {
  const lines = [
    `${decision.state.toUpperCase()}: ${decisionTitle(decision)} (head ${decision.headSha.slice(0, 7)})`,
  ];
  for (const b of decision.blockers)
    lines.push(`  blocked: ${blockerText(b)}; blocked until @${b.login} approves`);
  for (const p of decision.problems) lines.push(`  problem: ${plainText(p)}`);
  for (const l of stillNeeds(decision)) lines.push(`  ${plainText(l)}`);
  for (const rule of decision.rules) {
    lines.push('', `${rule.satisfied ? '✓' : '✗'} ${plainText(rule.ruleId)}: ${plainText(rule.description)}`);
    for (const why of rule.because) lines.push(`    because ${plainText(why)}`);
    for (const g of rule.groups) {
      const approved =
        g.approvedBy.map((a) => `@${a.login} on ${a.sha.slice(0, 7)}`).join(', ') || 'nobody yet';
      lines.push(`    ${plainText(g.label)}: ${g.needed - g.missing}/${g.needed} (${approved})`);
    }
    for (const c of rule.changeRecords)
      lines.push(
        `    change record for ${plainText(c.contract)}: ${c.status.kind === 'ok' ? plainText(c.status.path) : 'missing'}`,
      );
  }
  if (decision.notes.length > 0)
    lines.push('', 'Not counted:', ...decision.notes.map((n) => `  - ${plainText(n)}`));
  if (decision.state === 'success' && decision.rules.length > 0)
    lines.push('', `Sign-off record (head ${decision.headSha})`, ...signoffRecordLines(decision, plainText));
  return lines.join('\n') + '\n';
}

function blockerText(b: Blocker): string {
  switch (b.kind) {
    case 'changes-requested':
      return `@${b.login} requested changes as ${b.as}`;
    case 'dismissal-unexplained':
      return `@${b.login}'s review was dismissed and GitHub does not say what it was (as ${b.as}): ask @${b.login} to review again`;
    case 'unknown-state':
      return `@${b.login}'s latest review has the state ${plainText(b.state)}, which this version does not know (as ${b.as}): ask @${b.login} to review again`;
  }
}

function totalMissing(decision: GateDecision): number {
  const seen = new Map<string, number>();
  for (const rule of decision.rules)
    for (const g of rule.groups)
      if (g.missing > 0) seen.set(g.label, Math.max(seen.get(g.label) ?? 0, g.missing));
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** Cut at a line, never inside one (see truncateMarkdown): a half line can unquote an @mention. */
function truncate(text: string): string {
  return truncateMarkdown(
    text,
    MAX_SUMMARY_CHARS,
    (omitted) =>
      `\n\n… Truncated: ${omitted} more characters. Run \`blueprint-review signoff\` locally for the full decision.\n`,
  );
}
