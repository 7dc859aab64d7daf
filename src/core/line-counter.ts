/**
 * Lines per block of the line index: a block passes in one native call, and a lookup counts what is
 * left of its block one `indexOf` at a time. Unoptimised (the CLI's short-process tiering, see
 * src/cli/tiering.ts), each call or turn costs ~0.1 µs. For the 1,572 offsets of the GitHub diff, 16
 * rather than 64 costs ~20k more block calls and saves ~38k turns counting the rest of the blocks.
 */
const LINES_PER_BLOCK = 16;

/**
 * From this many characters per line (the average over the block before), a block is counted one
 * `indexOf` per line break instead of by the expression. Per character the expression costs
 * ~1 ns and `indexOf` ~0.1–0.2 ns, but each `indexOf` call ~35 ns: on GitHub's pretty-printed
 * description (37 characters a line) the expression is a little cheaper (10 against 12 ms for the
 * 12 MB text); on long lines `indexOf` is far cheaper.
 */
const LONG_LINE_CHARS = 64;

/**
 * 0-based line numbers of offsets, and where their lines start, from an index of where every 16th
 * line starts, built as far as the offsets asked for reach, and each lookup counts the rest of its
 * block's line breaks (fewer than 16) one by one. The line's start comes from the same count:
 * searching back for the previous line break instead reads the whole text before the offset on a
 * minified (one-line) file, for every place reported — quadratic in the number of changes.
 *
 * The first block is counted one `indexOf` per line break; when its lines are short, the rest pass a
 * block per call of a sticky regular expression, else they are counted as the first. Asked where
 * fewer than 16 line breaks follow, the expression reads all that is left and gives it back one
 * character at a time before it fails: on a minified file, the whole text twice (~9 ms for GitHub's
 * 6 MB minified description, against ~1.5 ms for one `indexOf` finding no line break; GitHub's pair
 * minified, 781 places: 78 → 50 ms). Lines that turn long after the first block only cost the
 * expression's ~1 ns a character, and its one failure at the end reads the rest at most twice.
 */
export class LineCounter {
  /** Offset just past the line break that ends block k (line `(k + 1) * LINES_PER_BLOCK` starts there). */
  private readonly blockEnds: number[] = [];
  /**
   * Once the text holds no further whole block: the line breaks after the last one (fewer than 16).
   * Counted from the index, not searched for per lookup: past the last break (all of a minified
   * file) such a search would read to the end of the text for every place reported.
   */
  private tailBreaks: number[] | undefined;
  /** Whether the first block's lines are long: the rest is then counted by `indexOf`. */
  private longLines = false;
  /** Per counter: a sticky expression's `lastIndex` is state. */
  private readonly block = new RegExp(`(?:[^\\n]*\\n){${LINES_PER_BLOCK}}`, 'y');

  constructor(private readonly text: string) {}

  lineAt(offset: number): { line: number; start: number } {
    this.indexTo(offset);
    const ends = this.blockEnds;
    let blocks = 0;
    for (let hi = ends.length; blocks < hi;) {
      const mid = (blocks + hi) >>> 1;
      if ((ends[mid] ?? 0) <= offset) blocks = mid + 1;
      else hi = mid;
    }
    let line = blocks * LINES_PER_BLOCK;
    let start = ends[blocks - 1] ?? 0;
    if (blocks === ends.length && this.tailBreaks) {
      for (const k of this.tailBreaks) {
        if (k >= offset) break;
        line++;
        start = k + 1;
      }
      return { line, start };
    }
    // Inside a whole block: the search ends at the latest at the block's last line break.
    const { text } = this;
    for (let k = text.indexOf('\n', start); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
      line++;
      start = k + 1;
    }
    return { line, start };
  }

  /** Extends the index past `offset` (or to the last whole block). */
  private indexTo(offset: number): void {
    const { blockEnds, text } = this;
    if (this.tailBreaks || (blockEnds.at(-1) ?? 0) > offset) return;
    if (blockEnds.length === 0) {
      const first = countedBlockEnd(text, 0);
      if (first < 0) {
        this.tailBreaks = breaksFrom(text, 0);
        return;
      }
      blockEnds.push(first);
      this.longLines = first > LINES_PER_BLOCK * LONG_LINE_CHARS;
    }
    const last = blockEnds.at(-1)!;
    if (this.longLines) this.countTo(offset, last);
    else this.matchTo(offset, last);
  }

  /** Extends the index past `offset` from `last`, one `indexOf` per line break. */
  private countTo(offset: number, last: number): void {
    for (; last <= offset; this.blockEnds.push(last)) {
      const end = countedBlockEnd(this.text, last);
      if (end < 0) {
        this.tailBreaks = breaksFrom(this.text, last);
        return;
      }
      last = end;
    }
  }

  /** Extends the index past `offset` from `last`, a block per call of the expression. */
  private matchTo(offset: number, last: number): void {
    const { block, text } = this;
    for (; last <= offset; last = block.lastIndex) {
      block.lastIndex = last;
      if (block.test(text)) this.blockEnds.push(block.lastIndex);
      else {
        this.tailBreaks = breaksFrom(text, last);
        return;
      }
    }
  }
}

/** Offset just past the 16th line break from `start`, one `indexOf` each; -1 when fewer follow. */
function countedBlockEnd(text: string, start: number): number {
  let k = start - 1;
  for (let n = 0; n < LINES_PER_BLOCK; n++) if ((k = text.indexOf('\n', k + 1)) < 0) return -1;
  return k + 1;
}

/** Offsets of the line breaks from `start` to the end of the text. */
function breaksFrom(text: string, start: number): number[] {
  const out: number[] = [];
  for (let k = text.indexOf('\n', start); k >= 0; k = text.indexOf('\n', k + 1)) out.push(k);
  return out;
}
