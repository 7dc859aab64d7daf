/**
 * Whether a JSON text writes a key twice in one object, which `JSON.parse` hides (the last one wins)
 * while the yaml parser reports it. Told without a parser: the parsed value holds one key per key
 * written unless some were written twice, so comparing the keys the text writes with the keys the
 * parsed value has (counted by the walk that follows every parse, located-json.ts) answers it.
 * Counting the text's keys exactly means reading every character as a tokenizer would; a bound that
 * only looks around each colon (~6 ms on a 12 MB description, where the exact count costs three
 * times that) is exact on ordinary JSON, so the exact count runs only when the bound differs.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** Whether the text writes more keys than the `parsedKeys` its parsed value has. */
export function writesDuplicateKeys(text: string, parsedKeys: number): boolean {
  return keyColonBound(text) !== parsedKeys && writtenKeyCount(text) !== parsedKeys;
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Whether the quote at `at` is escaped (an odd number of backslashes before it). */
function escaped(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && text.charCodeAt(k) === BACKSLASH) k--;
  return (at - 1 - k) % 2 === 1;
}

/**
 * At least the keys the text writes: colons whose previous significant character is an unescaped
 * quote. Every key's colon is one; a colon inside a string counts only when a quote opens the string
 * right before it (a value `": "`), so the bound is exact but for such strings.
 */
export function keyColonBound(text: string): number {
  let count = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    let j = i - 1;
    while (j >= 0 && isJsonSpace(text.charCodeAt(j))) j--;
    if (j >= 0 && text.charCodeAt(j) === QUOTE && !escaped(text, j)) count++;
  }
  return count;
}

/** The keys the text writes: colons outside strings (each string skipped to its closing quote). */
export function writtenKeyCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON) count++;
    else if (c === QUOTE) {
      let end = text.indexOf('"', i + 1);
      while (end >= 0 && escaped(text, end)) end = text.indexOf('"', end + 1);
      if (end < 0) return count;
      i = end;
    }
  }
  return count;
}
