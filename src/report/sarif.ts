/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one run, the rule
 * catalogue as `tool.driver.rules`, one result per finding with a physical location and a
 * `partialFingerprints` entry that ignores line numbers, so alerts survive unrelated edits above them.
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../core/finding.js';
import { elided } from '../core/inert-cut.js';
import { MAX_VALUE_CHARS } from '../core/inert-text.js';
import { sarifMessage, sarifText } from '../core/inert-markup.js';
import type { AnyRule } from '../engine/rule.js';
import { LOAD_RULE_DESCRIPTIONS } from '../load/diagnostics.js';
import { ruleDocsPage, ruleDocsUrl } from './docs-links.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'blueprint-review';
/** Bump the suffix if the fingerprint recipe changes, so GitHub does not match old and new alerts. */
export const FINGERPRINT_KEY = 'blueprintReview/v1';

/** What SARIF needs to know about a rule; built from the registry by `sarifRuleCatalog`. */
export interface SarifRuleInfo {
  id: string;
  category: string;
  severity: Severity;
  description: string;
  rationale?: string;
  sources?: readonly string[];
}

export interface SarifOptions {
  rules: readonly SarifRuleInfo[];
  /** The package version: `driver.version` and `semanticVersion`. */
  toolVersion: string;
  /**
   * Where the docs are published (validated by `parseDocsUrl`): `helpUri` of each rule and the
   * driver's `informationUri`. Without it the rules' help is inline only — SARIF viewers show it.
   */
  docsUrl?: string;
}

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub's own severity scale for code-scanning alerts (`problem.severity`). */
const PROBLEM_SEVERITY: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  info: 'recommendation',
};

/**
 * GitHub shows security alerts by a CVSS-like score (`security-severity`): given to security rules
 * only, so design findings are not ranked as vulnerabilities.
 */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '7.5', warning: '5.0', info: '2.0' };

/** Every rule the engine knows: the load (`schema/…`) rules, then the registered lint rules. */
export function sarifRuleCatalog(rules: readonly AnyRule[]): SarifRuleInfo[] {
  return [
    ...Object.entries(LOAD_RULE_DESCRIPTIONS).map(([id, description]) => ({
      id,
      category: 'schema',
      severity: 'error' as const,
      description,
      rationale: 'A blueprint that cannot be read completely is never reviewed as if it were fine.',
    })),
    ...rules.map((r) => ({
      id: r.meta.id,
      category: r.meta.category,
      severity: r.meta.severity,
      description: r.meta.description,
      rationale: r.meta.rationale,
      sources: r.meta.sources,
    })),
  ];
}

export function renderSarif(findings: readonly Finding[], options: SarifOptions): string {
  return JSON.stringify(buildSarifLog(findings, options), null, 2) + '\n';
}

/**
 * Results one run has at most: code scanning rejects a whole run with more (a hard limit, "Analysis
 * SARIF file rejected due to result limits"), so a pull request adding that many findings would leave
 * it none. The most severe are kept; a notification says how many are left out.
 */
export const MAX_SARIF_RESULTS = 25_000;

export function buildSarifLog(findings: readonly Finding[], options: SarifOptions): Record<string, unknown> {
  const catalogue = withUnknownRules(options.rules, findings);
  const indexOf = new Map(catalogue.map((rule, index) => [rule.id, index]));
  const seen = new Map<string, number>();
  // Fingerprints over every finding, kept or not: a kept result's alert is the one a complete log gives.
  const prints = findings.map((f) => {
    const base = fingerprint(f);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return occurrence === 0 ? base : `${base}:${occurrence}`;
  });
  const kept = mostSevere(findings, MAX_SARIF_RESULTS);
  const results = kept.map((i) => {
    const index = indexOf.get(findings[i]!.ruleId) ?? 0;
    return toResult(findings[i]!, index, catalogue[index]!.description, prints[i]!);
  });
  const keptIndices = new Set(kept);
  const left = findings.filter((_, i) => !keptIndices.has(i));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            ...(options.docsUrl ? { informationUri: options.docsUrl } : {}),
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules: catalogue.map((rule) => toDescriptor(rule, options.docsUrl)),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
        ...(left.length > 0 ? { invocations: [leftOutNotice(left)] } : {}),
      },
    ],
  };
}

/** Indices of at most `max` findings, errors first, then warnings, then info, each in their order. */
function mostSevere(findings: readonly Finding[], max: number): number[] {
  const indices = findings.map((_, i) => i);
  if (findings.length <= max) return indices;
  return indices
    .sort((a, b) => SEVERITY_RANK[findings[a]!.severity] - SEVERITY_RANK[findings[b]!.severity] || a - b)
    .slice(0, max)
    .sort((a, b) => a - b);
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The run's invocation, telling code scanning users what the log leaves out and where it is. */
function leftOutNotice(left: readonly Finding[]): Record<string, unknown> {
  const counts = (['error', 'warning', 'info'] as const)
    .map((severity) => [severity, left.filter((f) => f.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity === 'info' ? 'info' : `${severity}${n === 1 ? '' : 's'}`}`);
  return {
    executionSuccessful: true,
    toolExecutionNotifications: [
      {
        level: 'warning',
        message: {
          text: `${left.length} findings (${counts.join(', ')}) are left out: code scanning refuses a run of more than ${MAX_SARIF_RESULTS} results, so the most severe are kept. \`blueprint-review lint\` lists every finding.`,
        },
      },
    ],
  };
}

/** Findings from rules outside the catalogue (e.g. another engine's) still need a descriptor. */
function withUnknownRules(rules: readonly SarifRuleInfo[], findings: readonly Finding[]): SarifRuleInfo[] {
  const known = new Set(rules.map((r) => r.id));
  const extra = new Map<string, SarifRuleInfo>();
  for (const f of findings) {
    if (known.has(f.ruleId) || extra.has(f.ruleId)) continue;
    extra.set(f.ruleId, {
      id: f.ruleId,
      category: f.ruleId.split('/')[0] ?? f.ruleId,
      severity: f.severity,
      description: `Findings of ${f.ruleId}.`,
    });
  }
  return [...rules, ...extra.values()];
}

function toDescriptor(rule: SarifRuleInfo, docsUrl: string | undefined): Record<string, unknown> {
  const helpUri = docsUrl === undefined ? undefined : ruleDocsUrl(docsUrl, rule.id);
  const page = `docs/${ruleDocsPage(rule.id)}`;
  const full = rule.rationale ? `${rule.description} ${rule.rationale}` : rule.description;
  const sources = rule.sources && rule.sources.length > 0 ? `\n\nSources: ${rule.sources.join('; ')}.` : '';
  const why = rule.rationale ? `\n\n${rule.rationale}` : '';
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: full },
    help: {
      text: `${rule.description}${why}${sources}\n\nDocumentation: ${helpUri ?? `${page} in the blueprint-review package`}`,
      markdown: `**${rule.description}**${why}${sources}\n\n${helpUri ? `[Rule documentation](${helpUri})` : `Documentation: \`${page}\` in the blueprint-review package.`}`,
    },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['blueprint-review', rule.category],
      'problem.severity': PROBLEM_SEVERITY[rule.severity],
      ...(rule.category === 'security' ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : {}),
    },
  };
}

function toResult(
  f: Finding,
  ruleIndex: number,
  description: string,
  print: string,
): Record<string, unknown> {
  const { start, end } = f.range;
  const empty = end.line < start.line || (end.line === start.line && end.column <= start.column);
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: resultText(description, f.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(f.file), uriBaseId: '%SRCROOT%' },
          // An empty range (e.g. "start of file") becomes a point; SARIF regions must not end before they start.
          region: empty
            ? { startLine: start.line, startColumn: start.column }
            : { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
        },
        // A pointer names what the contract names (a property a megabyte long): cut like a value, or
        // a few such results took the log past the 10 MB GitHub takes in one upload.
        ...(f.pointer
          ? { logicalLocations: [{ fullyQualifiedName: elided(f.pointer, MAX_VALUE_CHARS), kind: 'object' }] }
          : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: print },
  };
}

/**
 * A result's `message.text`: the rule's description, then the finding's message. GitHub shows only
 * a message's first sentence where space is short, and a message quotes repository values: one
 * holding `. ` ended that sentence inside the value (a system named `shop. All approvals present`
 * showed as "System `shop."), so what was shown could read as anything the value chose. The rule's
 * description is one fixed sentence of ours (sarif.test checks every one), so the first sentence
 * always is. The message is cut like every other output: a SARIF upload has a limit (10 MB).
 */
function resultText(description: string, message: string): string {
  return `${sarifText(description)} ${sarifMessage(message)}`;
}

/** Repository-relative path as a relative URI reference (each segment percent-encoded). */
export function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/**
 * What identifies a finding across commits: rule, file, JSON pointer and the message with its numbers
 * blanked — never its line, so inserting lines above it keeps the alert.
 */
export function fingerprint(f: Pick<Finding, 'ruleId' | 'file' | 'pointer' | 'message'>): string {
  const message = f.message.replace(/\s+/g, ' ').replace(/\d+/g, '#').trim();
  return createHash('sha256')
    .update([f.ruleId, f.file, f.pointer, message].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
