/**
 * Cutting repository text to a length, for the renderers that make it inert (inert-text.ts,
 * inert-markup.ts). Repository text has no length limit (a field name, an id or a path can be
 * megabytes) and every place GitHub shows text has one; making text inert lengthens it (a zero-width
 * space is shown as the six characters `\u200b`, a `|` in Markdown as `\|`, a `<` in HTML as `&#60;`),
 * so a bound measured on the text before rendering does not bound what is shown, and a bound applied
 * to the rendering cuts an escape, a code span or an entity in half. `renderedWithin` does both right:
 * it measures the rendering and cuts the text.
 */

/** `text` cut to at most `max` characters (never inside a surrogate pair), saying how much was left out. */
export function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = pairSafe(text, max);
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

/**
 * `text` with its middle left out when it is longer than `max` characters: the start and the end
 * stay (a file's name and line, an id's distinguishing suffix), and the reader is told how much is
 * missing.
 */
export function elided(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = pairSafe(text, Math.ceil(max / 2));
  const tail = text.length - (max - head);
  const from = isLowSurrogate(text.charCodeAt(tail)) ? tail + 1 : tail;
  return `${text.slice(0, head)} … ${from - head} characters left out … ${text.slice(from)}`;
}

/** How a text is cut to keep `keep` of its characters, saying what it left out: `shortened` or `elided`. */
export type Cut = (text: string, keep: number) => string;

/**
 * `render(text)` when it is at most `max` characters long; else the rendering of the longest cut of
 * `text` (`cut(text, keep)`, which says what it left out) that is. The text is cut and the cut
 * rendered whole, so no escape, entity or code span of the rendering is ever cut in half, and the
 * bound holds on what is shown, however much rendering lengthens the text. `max` must leave room for
 * the cut's note ("… (12 more characters)").
 */
export function renderedWithin(
  text: string,
  max: number,
  render: (text: string) => string,
  cut: Cut = shortened,
): string {
  // Rendering shows each character as one or more, but for a CRLF (one space): a text longer than
  // this cannot fit, and is not rendered whole (it can be megabytes).
  const longestFitting = 2 * max;
  if (text.length <= longestFitting) {
    const whole = render(text);
    if (whole.length <= max) return whole;
  }
  // Binary search for the most characters kept whose rendering fits: `fits` always does (nothing
  // kept but the note), `over` is taken not to.
  let fits = 0;
  let over = Math.min(text.length, longestFitting + 1);
  while (over - fits > 1) {
    const keep = Math.floor((fits + over) / 2);
    if (render(cut(text, keep)).length <= max) fits = keep;
    else over = keep;
  }
  return render(cut(text, fits));
}

/** `end`, or one less when the character before it is the first half of a surrogate pair. */
function pairSafe(text: string, end: number): number {
  const last = text.charCodeAt(end - 1);
  return last >= 0xd800 && last <= 0xdbff ? end - 1 : end;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
