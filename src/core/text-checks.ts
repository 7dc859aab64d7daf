/**
 * Checks on a file's text before it is parsed, so that what is not YAML or JSON text at all (a
 * binary file, UTF-16) is said in those words, and so that nothing recursive ever meets a document
 * nested deeper than the parsers and rules can walk.
 */

/**
 * Deeper than this, a file is refused before it is composed: every walk over a document (the
 * parser's own, schema validation, rules, the contract diff) recurses per level. Real documents
 * stay far below (GitHub's REST description nests 21 levels).
 */
export const MAX_NESTING = 128;

export interface TextProblem {
  code: 'binary' | 'encoding';
  message: string;
  /** UTF-16 offset of the first offending character. */
  offset: number;
}

const REPLACEMENT = '\ufffd';

/**
 * Text decoded as UTF-8 from a file that is not UTF-8 text. UTF-16 shows as a byte order mark
 * decoded into two replacement characters, or as a NUL after every other character (ASCII in
 * UTF-16); any other NUL means binary content.
 */
export function undecodableText(text: string): TextProblem | undefined {
  const nul = text.indexOf('\u0000');
  if (nul < 0) return undefined;
  const bom = text.startsWith(REPLACEMENT + REPLACEMENT);
  if (bom || looksLikeUtf16(text))
    return {
      code: 'encoding',
      message: `is encoded as UTF-16${bom ? ' (it starts with a UTF-16 byte order mark)' : ' (every other byte is zero)'}; save it as UTF-8`,
      offset: 0,
    };
  return {
    code: 'binary',
    message: 'contains a NUL byte here: it is a binary file, not YAML or JSON text',
    offset: nul,
  };
}

/** ASCII written as UTF-16 (either byte order): the sample alternates NUL and non-NUL characters. */
function looksLikeUtf16(text: string): boolean {
  const sample = text.slice(0, 512);
  if (sample.length < 4) return false;
  const nulAt = (parity: number) => {
    let nuls = 0;
    for (let i = parity; i < sample.length; i += 2) if (sample[i] === '\u0000') nuls++;
    return nuls / Math.ceil((sample.length - parity) / 2);
  };
  return Math.max(nulAt(0), nulAt(1)) > 0.9 && Math.min(nulAt(0), nulAt(1)) < 0.1;
}
