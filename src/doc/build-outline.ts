/**
 * What the architecture document says, section by section, built from the model and the open findings.
 * Pure: the renderers in markdown.ts and html.ts decide how it looks.
 */
import type { Finding, Severity } from '../core/finding.js';
import type { Adr, BlueprintModel } from '../model/types.js';
import { contractVersion, DASH, joinCodes, statusTone } from './cells.js';
import type { Block, Cell, DocOutline, DocRecord, Section } from './outline.js';
import { findingsSection } from './outline-findings.js';
import { buildFlowSection, buildPolicySections } from './outline-flows.js';
import type { TopologyDocOptions } from './outline-topology.js';
import { topologySection } from './outline-topology.js';

/** Choices about how the document draws what the blueprint says (the CLI's `doc` options). */
export type OutlineOptions = TopologyDocOptions;

export function buildOutline(
  model: BlueprintModel,
  findings: readonly Finding[],
  options: OutlineOptions = {},
): DocOutline {
  return {
    title: model.title ?? model.name,
    subtitle: [
      ...(model.owner ? ['Owner ', { code: model.owner }, '  ·  '] : []),
      'Blueprint ',
      { code: model.root || '.' },
    ],
    summary: summaryBlock(model, findings),
    sections: [
      topologySection(model, options),
      systemsSection(model),
      buildFlowSection(model),
      contractsSection(model),
      ...buildPolicySections(model),
      decisionsSection(model),
      requirementsSection(model),
      findingsSection(findings),
    ],
  };
}

function summaryBlock(model: BlueprintModel, findings: readonly Finding[]): Block {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    kind: 'stats',
    items: [
      { label: 'Systems', value: model.systems.length, tone: 'neutral' },
      { label: 'Flows', value: model.flows.length, tone: 'neutral' },
      { label: 'Contracts', value: model.contracts.length, tone: 'neutral' },
      { label: 'Decisions', value: model.adrs.length, tone: 'neutral' },
      { label: 'Requirements', value: model.requirements.length, tone: 'neutral' },
      { label: 'Errors', value: count('error'), tone: count('error') > 0 ? 'bad' : 'good' },
      { label: 'Warnings', value: count('warning'), tone: count('warning') > 0 ? 'warn' : 'good' },
    ],
  };
}

function systemsSection(model: BlueprintModel): Section {
  const rows = model.systems.map((s): Cell[] => [
    [{ strong: s.name ?? s.id }, ...(s.name ? [' ', { code: s.id }] : [])],
    s.owner ? { code: s.owner } : DASH,
    s.type ?? DASH,
    s.external ? { badge: 'external', tone: 'neutral' } : { badge: 'internal', tone: 'info' },
    s.lifecycle ?? DASH,
    s.description ?? DASH,
  ]);
  return {
    id: 'systems',
    title: 'Systems',
    blocks: [
      {
        kind: 'table',
        headers: ['System', 'Owner', 'Type', 'Scope', 'Lifecycle', 'Description'],
        rows,
        empty: 'No systems declared.',
      },
    ],
  };
}

function contractsSection(model: BlueprintModel): Section {
  const usedBy = new Map<string, string[]>();
  for (const flow of model.flows) {
    const ref = flow.contract?.ref;
    if (ref !== undefined) usedBy.set(ref, [...(usedBy.get(ref) ?? []), flow.id]);
  }
  const rows = model.contracts.map((c): Cell[] => [
    [{ strong: c.id }, ' ', { muted: c.file }],
    c.document
      ? `${c.document.kind === 'openapi' ? 'OpenAPI' : 'AsyncAPI'} ${c.document.specVersion}`
      : { badge: 'unreadable', tone: 'bad' },
    contractVersion(c) ? { code: contractVersion(c)! } : DASH,
    c.status ? { badge: c.status, tone: statusTone(c.status) } : DASH,
    c.owner ? { code: c.owner } : DASH,
    c.consumers.length > 0 ? joinCodes(c.consumers) : DASH,
    c.versioning?.strategy ?? DASH,
    usedBy.has(c.id) ? joinCodes(usedBy.get(c.id)!) : DASH,
  ]);
  return {
    id: 'contracts',
    title: 'Contracts',
    blocks: [
      {
        kind: 'table',
        headers: ['Contract', 'Kind', 'Version', 'Status', 'Owner', 'Consumers', 'Versioning', 'Flows'],
        rows,
        empty: 'No contracts declared.',
      },
    ],
  };
}

function decisionsSection(model: BlueprintModel): Section {
  const justifies = flowsByDecision(model);
  const byId = new Map(model.adrs.map((adr) => [adr.id, adr]));
  const records = model.adrs.map((adr) => decisionRecord(adr, byId, justifies.get(adr.id) ?? []));
  return {
    id: 'decisions',
    title: 'Architecture decisions',
    blocks: [{ kind: 'records', records, empty: 'No architecture decision records.' }],
  };
}

/** Each decision record's id → the flows that name it as their decision, in the blueprint's order. */
function flowsByDecision(model: BlueprintModel): Map<string, string[]> {
  const justifies = new Map<string, string[]>();
  for (const flow of model.flows) {
    const adr = flow.resolved.decision;
    if (adr) justifies.set(adr.id, [...(justifies.get(adr.id) ?? []), flow.id]);
  }
  return justifies;
}

/** One decision's card: its outcome and context, its successor, who decided, the flows it justifies. */
function decisionRecord(adr: Adr, byId: ReadonlyMap<string, Adr>, flows: readonly string[]): DocRecord {
  const fields: { label: string; value: Cell }[] = [
    {
      label: 'Decision',
      value: sectionLead(adr, /^decision outcome$/i) ?? { muted: 'No "Decision Outcome" section.' },
    },
  ];
  const context = sectionLead(adr, /^context/i);
  if (context) fields.push({ label: 'Context', value: context });
  if (adr.supersededBy !== undefined)
    fields.push({
      label: 'Superseded by',
      value: successorCell(adr.supersededBy, byId.get(adr.supersededBy)),
    });
  fields.push(
    {
      label: 'Decision makers',
      value: adr.decisionMakers.length > 0 ? joinCodes(adr.decisionMakers) : DASH,
    },
    { label: 'Justifies flows', value: flows.length > 0 ? joinCodes(flows) : DASH },
    { label: 'Record', value: { file: adr.file } },
  );
  return {
    id: adrAnchor(adr.id),
    title: { strong: adr.title ?? adr.id },
    subtitle: [
      adr.status ? { badge: adr.status, tone: statusTone(adr.status) } : { muted: 'no status' },
      ...(adr.date ? ['  ', { muted: adr.date }] : []),
    ],
    fields,
  };
}

/** The record that supersedes a decision: a link to its card, or its id when the blueprint lacks it. */
function successorCell(id: string, successor: Adr | undefined): Cell {
  return successor
    ? [
        { anchor: adrAnchor(successor.id), text: successor.title ?? successor.id },
        ' ',
        { muted: successor.file },
      ]
    : [{ code: id }, ' ', { muted: '(not in this blueprint)' }];
}

/** Anchor of an ADR's card: its id (a file name) reduced to characters safe in an id and a URL. */
export function adrAnchor(id: string): string {
  return `adr-${id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/**
 * The first paragraph of an ADR section (MADR's "Decision Outcome" starts "Chosen option: …, because
 * …": the decision and its rationale), as one line of plain text, shortened past 600 characters.
 */
function sectionLead(adr: Adr, title: RegExp): string | undefined {
  const section = adr.sections.find((s) => title.test(s.title.trim()));
  const paragraph = section?.body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .find((p) => p !== '');
  if (!paragraph) return undefined;
  return paragraph.length > 600 ? `${paragraph.slice(0, 599)}…` : paragraph;
}

function requirementsSection(model: BlueprintModel): Section {
  const rows = model.requirements.map((r): Cell[] => {
    const flows = model.index.flowsByRequirement.get(r.id) ?? [];
    return [
      [{ strong: r.title ?? r.id }, ...(r.title ? [' ', { code: r.id }] : [])],
      r.description ?? DASH,
      r.owner ? { code: r.owner } : DASH,
      [r.consistency, r.freshness ? `fresh within ${r.freshness}` : undefined].filter(Boolean).join(', ') ||
        DASH,
      flows.length > 0 ? joinCodes(flows.map((f) => f.id)) : { badge: 'no flow', tone: 'warn' },
    ];
  });
  return {
    id: 'requirements',
    title: 'Requirements',
    blocks: [
      {
        kind: 'table',
        headers: ['Requirement', 'Description', 'Owner', 'Consistency & freshness', 'Served by flows'],
        rows,
        empty: 'No requirements declared.',
      },
    ],
  };
}
