/**
 * The word rules of inert Markdown (inert-text.ts): how a run of flat repository text is shown
 * literally in GitHub-flavoured Markdown. Markdown syntax is escaped with backslashes, but GitHub
 * links and mentions after rendering, where a backslash no longer helps, so each word that could be
 * read as a reference is found — its core apart from the prose punctuation around it — and shown as
 * a code span. Kept apart from the writers because the word scans are where the subtle cases live
 * (brackets a login closes, possessives, quadratic-looking punctuation runs).
 */
import { codeSpan } from './inert-code.js';

/**
 * Words GitHub turns into notifications or links after Markdown is rendered, where a backslash no
 * longer helps: @mentions (users, teams, emails), issue references (`#12`, `GH-12`, `org/repo#12`),
 * commit SHAs and bare URLs (`https://…`, `www.…`). Only a code span keeps them inert. A SHA is a
 * run of 7 to 40 hex digits between non-word characters, as GitHub finds it: inside a word too
 * (`id=deadbeef0`, `deadbeef0-x`), where only a whole-word SHA was shown as code before. GitHub's
 * docs ("Autolinked references and URLs") show a SHA alone, `user@SHA`, `owner/repo@SHA` (both hold
 * `@`) and commit URLs, and say nothing of punctuation around them: any non-word neighbour is taken
 * to link, the widest reading; `_` is a word character, as in `\b`.
 */
const REFERENCE_LIKE = /@|#\d|\bgh-\d|:\/\/|\bwww\.|(?<!\w)[0-9a-f]{7,40}(?!\w)/i;

/**
 * ASCII punctuation Markdown or GitHub may read as syntax anywhere in a line. Not `:`, though GitHub
 * shows an emoji shortcode (`:white_check_mark:`) as its emoji: the emoji itself (✅) is text a
 * repository can write directly and every output shows as it is, and a shortcode mentions, links,
 * hides and forges nothing more than it; escaping colons would mangle times, ports and ids.
 */
const MARKDOWN_ACTIVE = /[\\`*_[\]<>|~&$!#]/g;

/**
 * Text already flat (`plainText`) and bounded as inline Markdown that shows it literally: each
 * space-free word GitHub would link or mention becomes a code span, every other character Markdown
 * could read as syntax is escaped, and a line start cannot open a list or a heading.
 */
export function inlineText(flat: string): string {
  const parts = flat.split(/( +)/);
  const out = parts.map((part, i) => (i % 2 === 1 ? part : markdownWord(part)));
  return neutraliseBlockStart(out.join(''));
}

const LEADING_PUNCTUATION = new Set('("\'[{<');
const TRAILING_PUNCTUATION = new Set(')"\']}>.,:;!?');
const POSSESSIVE = /^['’]s$/;

/**
 * One space-free word: a reference-like core becomes code, the punctuation around it stays text. The
 * core is found by two scans, not a regular expression: a lazy core before a trailing class made a
 * word like `a)))…)b` quadratic (20,000 characters took half a second, a megabyte of a name minutes).
 */
function markdownWord(word: string): string {
  let start = 0;
  while (start < word.length && LEADING_PUNCTUATION.has(word[start]!)) start++;
  let end = word.length;
  while (end > start && TRAILING_PUNCTUATION.has(word[end - 1]!)) end--;
  end = withBracketsItCloses(word, start, end);
  // "@eve's approval": GitHub handles, team slugs and references hold no apostrophe, so a possessive
  // is prose around the reference, shown as text like the punctuation (inside the span, it read as
  // part of the handle).
  if (end - start > 2 && POSSESSIVE.test(word.slice(end - 2, end))) end -= 2;
  const lead = word.slice(0, start);
  const core = word.slice(start, end);
  const trail = word.slice(end);
  if (core !== '' && REFERENCE_LIKE.test(core))
    return escapePunctuation(lead) + codeSpan(core) + escapePunctuation(trail);
  return escapePunctuation(word);
}

/**
 * Where the core of a word ends once the closing brackets it opened are taken back from the
 * punctuation after it: `@github-actions[bot]` is a bot's login, one reference, where stopping at the
 * `[` showed a span with a bracket after it (`` `@github-actions[bot` `` then `\]`). Counted in one
 * pass, as `markdownWord`'s scans are (a long word stays linear).
 */
function withBracketsItCloses(word: string, start: number, end: number): number {
  let squares = 0;
  let rounds = 0;
  for (let i = start; i < end; i++) {
    const c = word[i];
    if (c === '[') squares++;
    else if (c === ']') squares--;
    else if (c === '(') rounds++;
    else if (c === ')') rounds--;
  }
  while (end < word.length) {
    const c = word[end];
    if (c === ']' && squares > 0) squares--;
    else if (c === ')' && rounds > 0) rounds--;
    else break;
    end++;
  }
  return end;
}

function escapePunctuation(text: string): string {
  return text.replace(MARKDOWN_ACTIVE, '\\$&');
}

/**
 * A line that starts with `-`, `+`, `=`, `1.` or `1)` is a list item or a heading underline; text
 * never starts a line by our own layout, but a list item's content (`- {text}`) is a line start too.
 */
function neutraliseBlockStart(markdown: string): string {
  return markdown.replace(/^(\s*)([-+=]|\d{1,9}(?=[.)]))/, (_, space: string, mark: string) =>
    /\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  );
}
