/**
 * Where each new finding goes. Only what matters is commented: an error or warning becomes a line
 * comment when its range overlaps a line the pull request changed and the comment line lies inside a
 * diff hunk (GitHub answers 422 otherwise). Findings located in the base (a removed operation) are
 * commented on the removed lines (LEFT side). Everything else goes to the check run.
 */
import type { SideHunks } from './diff-hunks.js';
import { hunkAt, parsePatch } from './diff-hunks.js';
import type { FileHunks } from './diff-hunks.js';
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
}

export function placeFindings(
  findings: readonly NewFinding[],
  changedFiles: readonly ChangedFile[],
): Placement {
  const byHeadPath = new Map<string, { file: ChangedFile; hunks: FileHunks }>();
  const byBasePath = new Map<string, { file: ChangedFile; hunks: FileHunks }>();
  for (const file of changedFiles) {
    if (file.patch === undefined) continue;
    const entry = { file, hunks: parsePatch(file.patch) };
    if (file.status !== 'removed') byHeadPath.set(file.path, entry);
    if (file.status !== 'added') byBasePath.set(file.previousPath ?? file.path, entry);
  }
  const placement: Placement = { comments: [], elsewhere: [] };
  for (const finding of findings) {
    const onBase = finding.side === 'base';
    const entry = (onBase ? byBasePath : byHeadPath).get(finding.file);
    const line =
      finding.severity !== 'info' && entry
        ? commentLine(
            onBase ? entry.hunks.base : entry.hunks.head,
            finding.range.start.line,
            finding.range.end.line,
          )
        : undefined;
    if (line === undefined || !entry) placement.elsewhere.push(finding);
    else placement.comments.push({ finding, path: entry.file.path, line, side: onBase ? 'LEFT' : 'RIGHT' });
  }
  return placement;
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
