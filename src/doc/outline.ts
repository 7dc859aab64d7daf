/**
 * The architecture document as data: sections of tables, paragraphs and one diagram. Built once from the
 * model (outline-build.ts), rendered twice (Markdown for GitHub, HTML for the review meeting), so the
 * two files never disagree about what the blueprint says.
 */

/** Colour family of a badge; the renderers map it to their own palette. */
export type Tone = 'neutral' | 'info' | 'good' | 'warn' | 'bad' | 'accent';

export type Inline =
  | string
  | { code: string }
  | { strong: string }
  | { badge: string; tone: Tone; color?: string; icon?: string }
  | { muted: string }
  /** A file of the repository, linked relative to where the document is written. */
  | { file: string; text?: string }
  /** A place in this document (`#adr-0003-…`). */
  | { anchor: string; text: string }
  /**
   * A finding's message: its code spans are the rule's own markup, each holding one repository value
   * whole (a plain string would show the backticks, and split a value holding spaces or a backtick).
   */
  | { message: string };

/** A table cell: one inline or a run of them. */
export type Cell = Inline | readonly Inline[];

export interface LegendEntry {
  label: string;
  color: string;
  /** How the arrow is drawn, in words (`solid`, `dotted`, `thick`). */
  line: string;
}

/** Kinds of boxes a diagram may show, for its legend. */
export type NodeKind = 'external' | 'mediator' | 'group';

export interface DiagramBlock {
  kind: 'diagram';
  /** Mermaid flowchart source. */
  source: string;
  legend: readonly LegendEntry[];
  nodeKinds: readonly NodeKind[];
  /** Boxes that are one system each. */
  systems: number;
  /** A heading of its own: one diagram among several. */
  title?: readonly Inline[];
  /** Shown folded and drawn when opened: one of many diagrams of a large topology. */
  collapsed?: boolean;
}

export type Block =
  | { kind: 'paragraph'; content: readonly Inline[] }
  | { kind: 'table'; headers: readonly string[]; rows: readonly (readonly Cell[])[]; empty: string }
  | DiagramBlock
  | { kind: 'stats'; items: readonly { label: string; value: number; tone: Tone }[] }
  | { kind: 'records'; records: readonly DocRecord[]; empty: string };

/** A titled group of label/value pairs: a policy, shown as a card (HTML) or a bullet list (Markdown). */
export interface DocRecord {
  /** Anchor id of the record, for links from elsewhere in the document. */
  id?: string;
  title: Cell;
  subtitle?: Cell;
  fields: readonly { label: string; value: Cell }[];
}

export interface Section {
  /** Anchor id, stable across renders (`topology`, `flows`, …). */
  id: string;
  title: string;
  blocks: readonly Block[];
}

export interface DocOutline {
  title: string;
  /** One line under the title: owner, folder. */
  subtitle: readonly Inline[];
  summary: Block;
  sections: readonly Section[];
}

/** Plain text of an inline run (for alt texts and tests). */
export function plainText(cell: Cell): string {
  const items: readonly Inline[] = Array.isArray(cell) ? (cell as readonly Inline[]) : [cell as Inline];
  return items
    .map((i) =>
      typeof i === 'string'
        ? i
        : 'code' in i
          ? i.code
          : 'strong' in i
            ? i.strong
            : 'badge' in i
              ? i.badge
              : 'muted' in i
                ? i.muted
                : 'file' in i
                  ? (i.text ?? i.file)
                  : 'message' in i
                    ? i.message
                    : i.text,
    )
    .join('');
}

/** Where the document is written, relative to the repository: what file links need. */
export interface DocumentLinks {
  /** The repository root, relative to the document's folder (`../..`); without it files are not linked. */
  repositoryPath?: string;
}

/**
 * A repository file's link from the document: the path relative to the document, each segment
 * percent-encoded (a file name from the repository cannot become a scheme, a query or markup).
 */
export function repositoryHref(file: string, links: DocumentLinks): string | undefined {
  if (links.repositoryPath === undefined) return undefined;
  const segments = [...links.repositoryPath.split('/'), ...file.split('/')].filter(
    (s) => s !== '' && s !== '.',
  );
  return segments.map((s) => (s === '..' ? s : encodeURIComponent(s))).join('/');
}
