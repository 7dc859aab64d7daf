/**
 * A message of our own split where it quotes: CommonMark's code spans found in it, so the writers
 * (inert-text.ts `markdownMessage`, `messageInline`) keep our spans as spans and make everything
 * between them inert.
 */

export interface Segment {
  code: boolean;
  text: string;
}

/** CommonMark's code-span rule: a backtick run opens, the next run of the same length closes. */
export function codeSpanSegments(text: string): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      plain += text[i++];
      continue;
    }
    let run = 1;
    while (text[i + run] === '`') run++;
    const closer = findRun(text, i + run, run);
    if (closer < 0) {
      plain += text.slice(i, i + run);
      i += run;
      continue;
    }
    if (plain) out.push({ code: false, text: plain });
    plain = '';
    out.push({ code: true, text: stripOneSpace(text.slice(i + run, closer)) });
    i = closer + run;
  }
  if (plain) out.push({ code: false, text: plain });
  return out;
}

function findRun(text: string, from: number, length: number): number {
  for (let i = from; i < text.length;) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let run = 1;
    while (text[i + run] === '`') run++;
    if (run === length) return i;
    i += run;
  }
  return -1;
}

function stripOneSpace(code: string): string {
  return /^ .* $/.test(code) && code.trim() !== '' ? code.slice(1, -1) : code;
}
