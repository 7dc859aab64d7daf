import { token } from '../core/inert-text.js';
import { parseLocated } from '../core/located-document.js';
import type { LocatedDocument } from '../core/located-document.js';
import type { Finding, SourceRange } from '../core/finding.js';
import { parsePointer } from '../core/pointer.js';
import type { Adr, AdrSection } from '../model/types.js';
import { loadFinding } from './diagnostics.js';

/**
 * Reads an architecture decision record in MADR form: YAML front matter (`status`, `date`,
 * `decision-makers`), a `# Title`, and `## Section`s. Headings inside fenced code are ignored.
 * The returned `document` is the ADR's source map, so rules locate findings in Markdown the same way
 * as in YAML: `/front-matter/status`, `/title`, `/sections/Considered Options`.
 */
export function parseMadr(
  file: string,
  text: string,
): { adr: Adr; document: LocatedDocument; findings: Finding[] } {
  const lines = text.split(/\r?\n/);
  const { frontMatter, bodyStart, findings } = readFrontMatter(file, lines);
  const { title, titleLine, sections } = readBody(lines, bodyStart);
  const status = stringField(frontMatter, 'status');
  const supersededBy =
    stringField(frontMatter, 'superseded-by') ?? status?.match(/superseded by\s+\[?([^\]\s]+)/i)?.[1];
  return {
    adr: {
      id: adrIdFromPath(file),
      file,
      title,
      status: status?.split(/\s/)[0]?.toLowerCase(),
      date: stringField(frontMatter, 'date'),
      decisionMakers: listField(frontMatter, 'decision-makers'),
      frontMatter,
      sections,
      consideredOptions: countOptions(sections),
      supersededBy,
    },
    document: markdownSourceMap(file, lines, {
      frontMatter,
      frontMatterEnd: bodyStart,
      title,
      titleLine,
      sections,
    }),
    findings,
  };
}

/**
 * The YAML between a first line `---` and the next: its mapping (empty when there is none or it
 * does not parse, with a finding placed in the file for the latter) and the index of the first
 * body line.
 */
function readFrontMatter(
  file: string,
  lines: readonly string[],
): { frontMatter: Record<string, unknown>; bodyStart: number; findings: Finding[] } {
  const none = { frontMatter: {}, bodyStart: 0, findings: [] };
  if (lines[0]?.trim() !== '---') return none;
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end <= 0) return none;
  const parsed = parseLocated(file, lines.slice(1, end).join('\n'));
  if (parsed.kind === 'ok')
    return {
      frontMatter: isRecord(parsed.document.value) ? parsed.document.value : {},
      bodyStart: end + 1,
      findings: [],
    };
  const first = parsed.problems[0]!;
  // The front matter starts on the file's second line.
  const line = first.range.start.line + 1;
  const finding = loadFinding(
    'schema/adr-front-matter',
    `Front matter of ${token(file)} does not parse: ${first.message}`,
    file,
    '',
    { start: { line, column: first.range.start.column }, end: { line, column: first.range.end.column } },
  );
  return { frontMatter: {}, bodyStart: end + 1, findings: [finding] };
}

/** The `# Title` (the first one) and the `## Section`s with their bodies, outside fenced code. */
function readBody(
  lines: readonly string[],
  bodyStart: number,
): { title: string | undefined; titleLine: number; sections: AdrSection[] } {
  let title: string | undefined;
  let titleLine = 1;
  const sections: AdrSection[] = [];
  let current: AdrSection | undefined;
  let inFence = false;
  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && /^#\s+/.test(line) && title === undefined) {
      title = line.replace(/^#\s+/, '').trim();
      titleLine = i + 1;
      continue;
    }
    if (!inFence && /^##\s+/.test(line)) {
      current = { title: line.replace(/^##\s+/, '').trim(), line: i + 1, body: '' };
      sections.push(current);
      continue;
    }
    if (current) current.body += line + '\n';
  }
  return { title, titleLine, sections };
}

/** Pointer → line for an ADR: front matter keys, the title, section headings; else line 1. */
function markdownSourceMap(
  file: string,
  lines: string[],
  parts: {
    frontMatter: Record<string, unknown>;
    frontMatterEnd: number;
    title?: string;
    titleLine: number;
    sections: AdrSection[];
  },
): LocatedDocument {
  const lineRange = (line: number): SourceRange => ({
    start: { line, column: 1 },
    end: { line, column: (lines[line - 1]?.length ?? 0) + 1 },
  });
  const frontMatterLine = (key: string | undefined): number => {
    if (key === undefined) return 1;
    const index = lines.slice(0, parts.frontMatterEnd).findIndex((l) => l.startsWith(`${key}:`));
    return index < 0 ? 1 : index + 1;
  };
  const sectionLine = (title: string | undefined): number => {
    if (title === undefined) return parts.titleLine;
    const wanted = title.toLowerCase();
    return parts.sections.find((s) => s.title.toLowerCase().startsWith(wanted))?.line ?? parts.titleLine;
  };
  return {
    file,
    value: {
      'front-matter': parts.frontMatter,
      title: parts.title,
      sections: Object.fromEntries(parts.sections.map((s) => [s.title, s.body])),
    },
    rangeOf(pointer: string): SourceRange {
      const [head, next] = parsePointer(pointer);
      if (head === 'front-matter') return lineRange(frontMatterLine(next));
      if (head === 'title') return lineRange(parts.titleLine);
      if (head === 'sections') return lineRange(sectionLine(next));
      return lineRange(1);
    },
  };
}

export function adrIdFromPath(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.md$/i, '');
}

/** Finds a section by any of its usual MADR titles, case-insensitively. */
export function findSection(adr: Adr, ...titles: string[]): AdrSection | undefined {
  const wanted = titles.map((t) => t.toLowerCase());
  return adr.sections.find((s) => wanted.some((w) => s.title.toLowerCase().startsWith(w)));
}

function countOptions(sections: AdrSection[]): number {
  const options = sections.find((s) => /^considered options/i.test(s.title));
  if (!options) return 0;
  return options.body.split('\n').filter((l) => /^\s{0,3}([*+-]|\d+\.)\s+\S/.test(l) || /^###\s+\S/.test(l))
    .length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function listField(record: Record<string, unknown>, key: string): string[] {
  const value = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}
