/**
 * Which head-side lines of a file a review comment may sit on. GitHub accepts a comment only on a
 * line inside one of the diff's hunks (else 422), and a multi-line comment only within one hunk.
 */

export interface Hunk {
  /** First and last head-side line the hunk shows (added or context), inclusive. */
  start: number;
  end: number;
}

export interface FileHunks {
  hunks: Hunk[];
  /** Head-side lines the pull request added or changed. */
  added: Set<number>;
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parses a unified diff of one file (GitHub's `patch` field: hunks only, no file headers). */
export function parsePatch(patch: string): FileHunks {
  const hunks: Hunk[] = [];
  const added = new Set<number>();
  let line = 0;
  let current: Hunk | undefined;
  for (const text of patch.split('\n')) {
    const header = HUNK_HEADER.exec(text);
    if (header) {
      line = Number(header[1]);
      const length = header[2] === undefined ? 1 : Number(header[2]);
      current = { start: line, end: line + length - 1 };
      if (length > 0) hunks.push(current);
      continue;
    }
    if (!current) continue;
    if (text.startsWith('+')) {
      added.add(line);
      line++;
    } else if (text.startsWith(' ')) {
      line++;
    }
    // '-' lines exist only at base; '\ No newline at end of file' is not a line.
  }
  return { hunks, added };
}

/** The hunk holding head-side `line`, if any. */
export function hunkAt(file: FileHunks, line: number): Hunk | undefined {
  return file.hunks.find((h) => line >= h.start && line <= h.end);
}
