/**
 * Which lines of a file a review comment may sit on. GitHub accepts a comment only on a line inside
 * one of the diff's hunks (else 422): on the head side (RIGHT) an added or context line, on the base
 * side (LEFT) a removed or context line.
 */

export interface Hunk {
  /** First and last line the hunk shows on its side, inclusive. */
  start: number;
  end: number;
}

export interface SideHunks {
  hunks: Hunk[];
  /** Lines the pull request changed on this side: added (head) or removed (base). */
  changed: Set<number>;
}

export interface FileHunks {
  head: SideHunks;
  base: SideHunks;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Parses a unified diff of one file (GitHub's `patch` field: hunks only, no file headers). */
export function parsePatch(patch: string): FileHunks {
  const file: FileHunks = {
    head: { hunks: [], changed: new Set() },
    base: { hunks: [], changed: new Set() },
  };
  let baseLine = 0;
  let headLine = 0;
  let inHunk = false;
  for (const text of patch.split('\n')) {
    const header = HUNK_HEADER.exec(text);
    if (header) {
      baseLine = Number(header[1]);
      headLine = Number(header[3]);
      addHunk(file.base, baseLine, header[2]);
      addHunk(file.head, headLine, header[4]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (text.startsWith('+')) file.head.changed.add(headLine++);
    else if (text.startsWith('-')) file.base.changed.add(baseLine++);
    else if (text.startsWith(' ')) {
      baseLine++;
      headLine++;
    }
    // '\ No newline at end of file' is not a line.
  }
  return file;
}

function addHunk(side: SideHunks, start: number, length: string | undefined): void {
  const count = length === undefined ? 1 : Number(length);
  if (count > 0) side.hunks.push({ start, end: start + count - 1 });
}

/** The hunk holding `line` on one side, if any. */
export function hunkAt(side: SideHunks, line: number): Hunk | undefined {
  return side.hunks.find((h) => line >= h.start && line <= h.end);
}
