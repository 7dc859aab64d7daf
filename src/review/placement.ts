/**
 * Where each new finding goes. A finding becomes a line comment only when its range overlaps a line
 * the pull request added or changed and the comment line lies inside a diff hunk (GitHub answers 422
 * otherwise); every other new finding goes to the check run (annotation and summary).
 */
import type { FileHunks } from './diff-hunks.js';
import { hunkAt, parsePatch } from './diff-hunks.js';
import type { ChangedFile, NewFinding } from './types.js';

export interface LineComment {
  finding: NewFinding;
  path: string;
  /** Head-side line the comment sits on. */
  line: number;
}

export interface Placement {
  comments: LineComment[];
  elsewhere: NewFinding[];
}

export function placeFindings(
  findings: readonly NewFinding[],
  changedFiles: readonly ChangedFile[],
): Placement {
  const hunksByPath = new Map<string, FileHunks>();
  for (const file of changedFiles) {
    if (file.status !== 'removed' && file.patch !== undefined)
      hunksByPath.set(file.path, parsePatch(file.patch));
  }
  const placement: Placement = { comments: [], elsewhere: [] };
  for (const finding of findings) {
    const hunks = hunksByPath.get(finding.file);
    const line = hunks && commentLine(hunks, finding.range.start.line, finding.range.end.line);
    if (line === undefined) placement.elsewhere.push(finding);
    else placement.comments.push({ finding, path: finding.file, line });
  }
  return placement;
}

/**
 * The start of the finding's range when the range holds a changed line and its start is inside a
 * hunk; else the first changed line inside the range (which is in a hunk by definition).
 */
function commentLine(hunks: FileHunks, start: number, end: number): number | undefined {
  let firstAdded: number | undefined;
  for (let line = start; line <= Math.max(start, end); line++) {
    if (hunks.added.has(line)) {
      firstAdded = line;
      break;
    }
  }
  if (firstAdded === undefined) return undefined;
  return hunkAt(hunks, start) ? start : firstAdded;
}
