/**
 * Whole outputs made inert for the stream they are printed to, after they were rendered: a GitHub
 * Actions log, whose runner acts on workflow commands in any line, and a terminal, which acts on
 * controls a JSON report leaves raw. Each value in an output was made inert for its medium already
 * (inert-text.ts); these guard what only the stream reads.
 */

/** A line the Actions runner reads as a command: `::` first after leading whitespace. */
const COMMAND_LINE_START = /^([^\S\r\n]*):(?=:)/gm;
/** The legacy command form, which the runner finds anywhere in a line. */
const LEGACY_COMMAND = /##\[/g;

/**
 * Output for a stream that may be a GitHub Actions log, where the runner acts on workflow commands
 * in every line a step prints: repository text there could forge annotations, set a step output a
 * later step trusts, mask words or stop command processing. A line starting with `::` gets its first
 * colon as `\x3a`; `##[` gets its bracket as `\u005b`, which is also a JSON escape of the same
 * character, so a JSON report stays the same data. Our own output never starts a line with `::` or
 * holds `##[`, so only repository text is changed.
 */
export function runnerInert(text: string): string {
  // A command line holds `::`: text without one (most reports) is not read line by line, which on a
  // 30 MB JSON report cost ~0.1 s.
  const lines = text.includes('::') ? text.replace(COMMAND_LINE_START, '$1\\x3a') : text;
  return lines.replace(LEGACY_COMMAND, '##\\u005b');
}

/**
 * What `plainText` makes visible (inert-text.ts `INVISIBLE_CONTROLS`) but C0 controls, which
 * JSON.stringify escapes itself, and the line and paragraph separators, which it leaves raw too.
 */
const RAW_IN_JSON =
  // eslint-disable-next-line no-misleading-character-class
  /[\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u206f\u2800\u3164\ufe00-\ufe0d\ufeff\uffa0\ufff9-\ufffb\u{1d173}-\u{1d17a}\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]|(?<=[\ufe0e\ufe0f])[\ufe0e\ufe0f]/gu;

/**
 * Output for a stream that may be a terminal. A JSON report (JSON.stringify) escapes C0 controls
 * but leaves the rest of what `plainText` makes visible raw: a C1 CSI (U+009B), which a terminal
 * taking 8-bit controls acts on as ESC [, bidi overrides that reorder what a reader sees, line
 * separators and invisible characters. Each becomes its `\uXXXX` escape — a JSON escape of the same
 * character, so a JSON report stays the same data; text and Markdown outputs hold none of them
 * (`plainText` made them visible before), so nothing else changes.
 */
export function terminalInert(text: string): string {
  return text.replace(PAST_ASCII, (run) => run.replace(RAW_IN_JSON, jsonEscapes));
}

/**
 * Runs of UTF-16 code units past printable ASCII (surrogates included). Everything `RAW_IN_JSON`
 * matches is in one, and a match never crosses a run's edge (both halves of a pair, and a selector
 * and the one before it, are in the same run), so only the runs are searched: the full expression, a
 * Unicode one tried at every character, cost ~0.4 s on a 30 MB JSON report holding ~10k short runs.
 */
const PAST_ASCII = /[\u007f-\uffff]+/g;

function jsonEscapes(ch: string): string {
  return [...Array(ch.length).keys()]
    .map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`)
    .join('');
}
