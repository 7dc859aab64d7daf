/**
 * Repository text is data, never markup (DESIGN invariant 13). Ids, names, descriptions, owners,
 * file paths and the finding messages built from them reach GitHub comments, check summaries,
 * documents and terminals; every renderer passes them through one of these functions, one per
 * output medium, so that whoever writes a blueprint cannot @mention people, inject HTML, links or
 * images, close a code span, imitate the bot's hidden markers, forge lines, or move a terminal's
 * cursor.
 *
 * Common to every medium: line breaks (CR, LF, VT, FF, NEL, U+2028, U+2029) become one space, so text
 * never starts a line of its own; other control characters (C0, DEL, C1 — the ANSI/OSC escapes),
 * bidirectional overrides and invisible characters become visible `\xNN` / `\uNNNN` / `\u{NNNNN}`
 * escapes, so a reader sees that they were there but nothing acts on them. What a whole output's
 * stream acts on (an Actions log's workflow commands, a terminal's controls in JSON) is
 * stream-inert.ts; HTML, Mermaid labels and SARIF messages are inert-markup.ts.
 */
import { codeSpanSegments } from './code-span-segments.js';
import { code, codeSpan } from './inert-code.js';
import { inlineText } from './inert-words.js';
import { elided, renderedWithin } from './inert-cut.js';

const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
// C0 controls (tab included: it can realign columns), DEL, C1 controls, the bidi formatting
// characters that reorder what a reader sees (Trojan Source: ALM, LRM, RLM, embeddings, overrides,
// isolates), and characters that show nothing at all, so that two ids a reader takes for the same
// (`orders` and `ord<ZWSP>ers`), a word joined to a mention or hidden text (Unicode tag characters,
// which carry invisible ASCII) cannot pass unseen: soft hyphen, combining grapheme joiner, Hangul and
// Mongolian fillers, zero-width space/non-joiner/joiner, word joiner and invisible operators,
// deprecated format characters, byte-order mark, interlinear annotations, tags. Variation selectors
// too (Mongolian, VS1–VS14, VS17–VS256), which each carry a hidden byte ("emoji smuggling"), but for
// the text and emoji presentation selectors (VS15, VS16), which an emoji such as ⚠️ carries: only one
// right after another is shown. And symbols that draw nothing: braille blank, musical format marks.
// Matching control characters is this regex's whole purpose.
const INVISIBLE_CONTROLS =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164\ufe00-\ufe0d\ufeff\uffa0\ufff9-\ufffb\u{1d173}-\u{1d17a}\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]|(?<=[\ufe0e\ufe0f])[\ufe0e\ufe0f]/gu;

function visibleEscape(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * One line of inert plain text: for terminals, logs, check-run annotations and anything GitHub shows
 * without rendering Markdown.
 */
export function plainText(text: string): string {
  const string = String(text);
  // Each expression runs only where it can match: the Unicode ones, tried at every character, cost
  // ~0.6 s on the text report of Microsoft Graph's 1.1.3 -> 1.3.17 diff (14 MB of messages and
  // operations; ~0.1 s now). Printable ASCII holds nothing any of them changes; every character
  // `INVISIBLE_CONTROLS` matches is in a run of others, and a match never crosses a run's edge
  // (both halves of a pair, a selector and the one before it); a word like a mention has an at sign.
  if (!PAST_PRINTABLE_ASCII.test(string)) return string;
  const visible = string
    .replace(LINE_BREAKS, ' ')
    .replace(PAST_PRINTABLE_ASCII_RUN, (run) => run.replace(INVISIBLE_CONTROLS, visibleEscape));
  return AT_SIGN.test(visible)
    ? visible.replace(MENTION_LIKE_WORD, (word) => word.replace(HANDLE_LOOKALIKE, visibleEscape))
    : visible;
}

const PAST_PRINTABLE_ASCII = /[^ -~]/;
const PAST_PRINTABLE_ASCII_RUN = /[^ -~]+/g;

/**
 * A word holding an at sign, ASCII or a look-alike (fullwidth `＠`, small `﹫`): what a reader takes
 * for a mention. GitHub's handles and team slugs are ASCII, so such a word that spells one with
 * anything else (`＠acme/security`, `@аcme/security` with a Cyrillic а) mentions nobody, yet shown as
 * written it reads as a team that was asked or that approved: the characters past ASCII that can
 * stand for a handle's — letters, digits, marks, dashes and slashes, fullwidth and small forms — are
 * shown as escapes (`\uff20acme/security`). Punctuation and symbols beside it (`…`, `’`, `✅`) and
 * words without an at sign — prose in any script — are left as written. Anchored at a word's start,
 * so a long word is scanned once, not once per character.
 */
const MENTION_LIKE_WORD = /(?<!\S)\S*[@\uff20\ufe6b]\S*/gu;
const AT_SIGN = /[@\uff20\ufe6b]/;
const HANDLE_LOOKALIKE = /(?!\p{ASCII})[\p{L}\p{M}\p{N}\p{Pd}\u2044\u2215\u29f8\ufe50-\ufe6f\uff01-\uff5e]/gu;

/**
 * Longest finding message (or fix) the renderers show, in characters once rendered: repository text
 * has no length limit (a field name, an id or a path can be megabytes), and what GitHub takes has one
 * — 65,536 characters per review comment, 64 KB per annotation message — past which it refuses the
 * whole review or check update. Measured on what is shown (`renderedWithin`): showing text inert
 * lengthens it, up to nine times.
 */
export const MAX_MESSAGE_CHARS = 4_000;

/**
 * Longest single value (an id, an owner, a path, a `$ref`) shown whole in a code span or a diagram
 * label, in characters once rendered (the fence aside). A summary has room for 65,535 characters in
 * all: one id as long as that pushed everything after it — the owners to ask, the touched flows — out
 * of the check's summary.
 */
export const MAX_VALUE_CHARS = 500;

/**
 * A finding's message (or any text of ours quoting repository text) as one line of inert plain text,
 * for what GitHub shows without rendering Markdown (a check run's annotation): `plainText`, at most
 * `MAX_MESSAGE_CHARS` long as shown, a cut said.
 */
export function plainMessage(text: string): string {
  return renderedWithin(String(text), MAX_MESSAGE_CHARS, plainText);
}

/**
 * One repository value (a branch, an id, a path) in plain text, e.g. in a check run's title: inert as
 * `plainText`, and cut as `markdownCode` cuts a value (`elided`, to `MAX_VALUE_CHARS` as shown). GitHub documents
 * no length for a title, and git none that matters for a branch name: a name of thousands of
 * characters must neither push what happened out of the one line the merge box shows nor make the
 * write fail.
 */
export function plainValue(text: string): string {
  return renderedWithin(String(text), MAX_VALUE_CHARS, plainText, elided);
}

// ---------------------------------------------------------------------------------------------------
// GitHub-flavoured Markdown: comments, check summaries, step summaries, Markdown documents. The word
// rules are inert-words.ts; code-span fencing is inert-code.ts.

export { code, codeSpan };

/**
 * Inline Markdown that shows `text` literally: no emphasis, HTML, comments, links, images, tables,
 * math, mentions or references. Words that GitHub would link or mention are shown as code. At most
 * `MAX_MESSAGE_CHARS` long as shown (`renderedWithin`): a name or a description can be megabytes long.
 */
export function markdownText(text: string): string {
  return renderedWithin(String(text), MAX_MESSAGE_CHARS, textInline);
}

/** `markdownText` of text not yet bounded, for writers that bound what they show (inert-cell.ts). */
export function textInline(text: string): string {
  return inlineText(plainText(text));
}

/**
 * An inline code span showing `text` literally, whatever backticks it holds: the fence is longer
 * than any backtick run inside. Nothing in a code span mentions, links or renders as HTML. A value
 * whose inert text is longer than `MAX_VALUE_CHARS` loses its middle.
 */
export function markdownCode(text: string): string {
  return markdownCodeWithin(text, MAX_VALUE_CHARS);
}

/** `markdownCode` with its own bound, where many values share one comment (a change's operations). */
export function markdownCodeWithin(text: string, max: number): string {
  return codeSpan(renderedWithin(String(text), max, plainText, elided));
}

/**
 * A repository value where a message names it without a code span (`now also offers
 * application/xml`, `moved from channel orders.placed`): as it is when it is one word of id
 * characters, which cannot read as a sentence of ours, and in a code span (`code`) when it holds
 * anything else — spaces, backticks, markup.
 */
export function token(value: string | number): string {
  const text = String(value);
  return /^[A-Za-z0-9._/+-]+$/.test(text) ? text : code(text);
}

/** A repository value in a message (`token`), or the words that say there is none. */
export function tokenOr(value: string | undefined, none = 'none'): string {
  return value === undefined ? none : token(value);
}

/**
 * A repository value in double quotes, as messages name ids, files and sections: its own double
 * quotes and backslashes escaped, so that whatever it holds it stays one quotation, and text after a
 * quote it holds cannot read as the message's words (`flow "x" ✅ All approvals present "y"`).
 * A value holding a backtick is a code span (`code`) instead: quotes do not stop a backtick from
 * pairing with the fence of one of the message's own spans (`` System "a`b" has no `owner` ``
 * showed `b" has no ` as code and `owner` as text), a longer fence does.
 */
export function quoted(value: string | number): string {
  const text = String(value);
  if (text.includes('`')) return code(text);
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * A repository id where a message names it bare (`(webshop → orders)`): as it is when it looks like
 * an id, in quotes (`quoted`) when it holds anything else, so that words in it cannot read as the
 * message's own.
 */
export function idText(value: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(value) ? value : quoted(value);
}

/**
 * A value written as JSON (`"open"`, `42`, `{"a":1}`): its quotes and escapes keep it one
 * quotation, but not a backtick inside from pairing with a fence elsewhere in the message — so a
 * value holding one is a code span.
 */
export function jsonValue(json: string): string {
  return json.includes('`') ? code(json) : json;
}

/**
 * Words another program wrote that may quote repository text — a validator's error (`'#/channels/x'
 * does not exist`, a path into the document): as they are, or, when they hold a backtick, one code
 * span (`code`), since the quoted value's backtick would otherwise pair with a fence of the message's
 * own and the rest would read as the message's words.
 */
export function foreignText(text: string): string {
  return text.includes('`') ? code(text) : text;
}

/**
 * A finding message as Markdown. Messages are plain sentences whose code spans (backticks) are our
 * own markup, with repository text interpolated anywhere in them: code spans are re-fenced so
 * nothing inside can close them early, and the text between them goes through `markdownText`.
 * However hostile text splits the message, each piece is rendered inert. At most `MAX_MESSAGE_CHARS`
 * long as shown, the message cut as text (`renderedWithin`): a problem or a reason can quote a value
 * of any length, and a cut of the Markdown could end inside a code span, leaving its words to render.
 */
export function markdownMessage(message: string): string {
  return renderedWithin(String(message), MAX_MESSAGE_CHARS, messageInline);
}

/** `markdownMessage` of a message not yet bounded, for writers that bound what they show (inert-cell.ts). */
export function messageInline(message: string): string {
  return joinInline(
    codeSpanSegments(plainText(message)).map((s) => (s.code ? codeSpan(s.text) : inlineText(s.text))),
  );
}

/**
 * Pieces of inline Markdown joined, a space between two whose code-span fences would touch: a
 * span's closing fence followed by the next one's opening fence is one longer backtick run, which
 * closes neither. A span of a value holding a backtick right before a word shown as code
 * (```` ``@acme/team`y`` ```` then `` `deadbeef1` ``) then left its opening fence as text and
 * `@acme/team` outside any span: a mention.
 */
export function joinInline(pieces: readonly string[]): string {
  let out = '';
  for (const piece of pieces) out += out.endsWith('`') && piece.startsWith('`') ? ` ${piece}` : piece;
  return out;
}

/**
 * Prose of our own that may quote repository text — a failure reason whose error message echoes the
 * input it failed on (V8: `Unexpected token '@', "@acme/secu"... is not valid JSON`): paragraphs
 * (blank-line separated) are kept, each rendered inert as a message.
 */
export function markdownParagraphs(text: string): string {
  return String(text)
    .split(/(?:\r?\n){2,}/)
    .map(markdownMessage)
    .join('\n\n');
}

/**
 * Our own inline Markdown (a rule's description or rationale) made safe for one cell of a GitHub
 * table: every `|` escaped — GitHub splits cells before it parses code spans, and removes exactly one
 * backslash before each pipe, so this is right inside code spans and after `markdownText`'s own
 * escapes too. Repository text goes in a cell through the cell writers (inert-cell.ts), never this
 * after another writer: escaping after the writer's bound lengthened what it had bounded (a
 * message's `|`, `\|` once Markdown-escaped, is `\\|` in a cell), and a cell of pipes came out at
 * 1.5 to 2 times its bound.
 */
export function markdownCell(inlineMarkdown: string): string {
  return inlineMarkdown.replace(LINE_BREAKS, ' ').replace(/\|/g, '\\|');
}

/**
 * Markdown cut to `limit` characters at a line boundary, an open code fence closed, and `note(omitted)`
 * (where to find the rest) added. Never inside a line: a line cut in half can end inside a code span,
 * and repository text the span kept inert (an @mention) would then be read as Markdown. A first line
 * too long for the limit is left out whole.
 */
export function truncateMarkdown(text: string, limit: number, note: (omitted: number) => string): string {
  if (text.length <= limit) return text;
  const budget = limit - note(text.length).length - '\n```'.length;
  const cut = Math.max(0, text.lastIndexOf('\n', budget));
  let head = text.slice(0, cut);
  if ((head.match(/^```/gm) ?? []).length % 2 === 1) head += '\n```';
  return head + note(text.length - cut);
}
