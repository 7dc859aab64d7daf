/**
 * Where each new finding goes. Only what matters is commented: an error or warning becomes a line
 * comment when its range overlaps a line the pull request changed and the comment line lies inside a
 * diff hunk (GitHub answers 422 otherwise). Findings located in the base (a removed operation) are
 * commented on the removed lines (LEFT side). A review comments on at most `maxLineComments` lines
 * (28 threads on one review buried what mattered); everything else goes to the check run.
 */
import type { FileHunks, SideHunks } from './diff-hunks.js';
import { hunkAt, parsePatch } from './diff-hunks.js';
import type { ChangedFile, NewFinding } from './types.js';

export interface LineComment {
  finding: NewFinding;
  /** The file's path in the pull request (its head path; for a removed file, the path it had). */
  path: string;
  line: number;
  side: 'RIGHT' | 'LEFT';
}

export interface Placement {
  comments: LineComment[];
  elsewhere: NewFinding[];
  /** Findings on changed lines that went to the check instead, because of the per-review cap. */
  capped?: { findings: number; limit: number };
}

/** Line comments (threads: findings on one line share one) a review posts at most, by default. */
export const DEFAULT_MAX_LINE_COMMENTS = 25;

export interface PlacementOptions {
  /** Most lines commented in one review (`review.maxLineComments`); the rest go to the check. */
  maxLineComments?: number;
}

export function placeFindings(
  findings: readonly NewFinding[],
  changedFiles: readonly ChangedFile[],
  options: PlacementOptions = {},
): Placement {
  const byHeadPath = new Map<string, ChangedFile>();
  const byBasePath = new Map<string, ChangedFile>();
  for (const file of changedFiles) {
    if (file.patch === undefined) continue;
    if (file.status !== 'removed') byHeadPath.set(file.path, file);
    if (file.status !== 'added') byBasePath.set(file.previousPath ?? file.path, file);
  }
  // Hunks are parsed only for files that carry a finding: a pull request can change thousands.
  const hunks = new Map<ChangedFile, FileHunks>();
  const hunksOf = (file: ChangedFile) => {
    let parsed = hunks.get(file);
    if (!parsed) hunks.set(file, (parsed = parsePatch(file.patch!)));
    return parsed;
  };
  const placement: Placement = { comments: [], elsewhere: [] };
  for (const finding of findings) {
    const onBase = finding.side === 'base';
    const file =
      finding.severity === 'info' ? undefined : (onBase ? byBasePath : byHeadPath).get(finding.file);
    const line = file
      ? commentLine(
          onBase ? hunksOf(file).base : hunksOf(file).head,
          finding.range.start.line,
          finding.range.end.line,
        )
      : undefined;
    if (line === undefined || !file) placement.elsewhere.push(finding);
    else placement.comments.push({ finding, path: file.path, line, side: onBase ? 'LEFT' : 'RIGHT' });
  }
  return capLineComments(placement, options.maxLineComments ?? DEFAULT_MAX_LINE_COMMENTS);
}

/**
 * Keeps the comments of at most `limit` lines — lines with an error first, then in file order — and
 * moves the others' findings to the check, counted, so the note can say how many and why.
 */
function capLineComments(placement: Placement, limit: number): Placement {
  const lines = new Map<string, LineComment[]>();
  for (const c of placement.comments) {
    const key = `${c.side}\0${c.path}\0${c.line}`;
    lines.set(key, [...(lines.get(key) ?? []), c]);
  }
  if (lines.size <= limit) return placement;
  const hasError = (group: LineComment[]) => group.some((c) => c.finding.severity === 'error');
  const ranked = [...lines.values()].sort((a, b) => Number(hasError(b)) - Number(hasError(a)));
  const kept = new Set(ranked.slice(0, limit).flat());
  const moved = placement.comments.filter((c) => !kept.has(c)).map((c) => c.finding);
  return {
    comments: placement.comments.filter((c) => kept.has(c)),
    elsewhere: [...placement.elsewhere, ...moved],
    capped: { findings: moved.length, limit },
  };
}

/**
 * The start of the finding's range when the range holds a changed line and its start is inside a
 * hunk; else the first changed line inside the range (which is in a hunk by definition).
 */
function commentLine(side: SideHunks, start: number, end: number): number | undefined {
  let firstChanged: number | undefined;
  for (let line = start; line <= Math.max(start, end); line++) {
    if (side.changed.has(line)) {
      firstChanged = line;
      break;
    }
  }
  if (firstChanged === undefined) return undefined;
  return hunkAt(side, start) ? start : firstChanged;
}
