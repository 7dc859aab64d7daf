import { describe, expect, it } from 'vitest';
import {
  code,
  markdownCell,
  markdownCode,
  markdownMessage,
  markdownText,
  MAX_MESSAGE_CHARS,
  plainText,
} from './inert-text.js';

const ESC = '\u001b';

describe('plainText', () => {
  it('keeps ordinary text, accents and emoji as they are', () => {
    expect(plainText('orders-api v2 — Zürich 🚚')).toBe('orders-api v2 — Zürich 🚚');
  });

  it('turns every kind of line break into one space, so text never starts a line', () => {
    expect(plainText('a\nb\r\nc\rd\u2028e\u2029f\u0085g\vh\fi')).toBe('a b c d e f g h i');
  });

  it('shows ANSI/OSC escapes, C1 controls and bidi overrides instead of obeying them', () => {
    expect(plainText(`x${ESC}[2J${ESC}]0;title\u0007y`)).toBe('x\\x1b[2J\\x1b]0;title\\x07y');
    expect(plainText('a\u009bb\u0000c\u007fd\te')).toBe('a\\x9bb\\x00c\\x7fd\\x09e');
    expect(plainText('user\u202Eexe.txt\u2066\u200f')).toBe('user\\u202eexe.txt\\u2066\\u200f');
  });

  it('shows characters that display nothing: zero-width, joiners, fillers, soft hyphen, BOM, tags', () => {
    expect(plainText('ord\u200bers')).toBe('ord\\u200bers');
    expect(plainText('@\u200dacme \u2060x\u00ad\ufeff\u3164\u180e\u034f')).toBe(
      '@\\u200dacme \\u2060x\\xad\\ufeff\\u3164\\u180e\\u034f',
    );
    // Tag characters spell hidden ASCII ("hi") that a reader never sees.
    expect(plainText('ok\u{e0068}\u{e0069}')).toBe('ok\\u{e0068}\\u{e0069}');
    // Visible characters beyond the BMP stay.
    expect(plainText('📦 𝔸')).toBe('📦 𝔸');
  });

  it('shows variation selectors that carry hidden bytes, and keeps the one an emoji asks for', () => {
    // Each selector (VS1–VS256) stands for one byte a reader never sees: "emoji smuggling".
    expect(plainText('ok\u{e0131}\u{e0132}\ufe01\u180b')).toBe('ok\\u{e0131}\\u{e0132}\\ufe01\\u180b');
    // Emoji presentation (VS16) after a symbol is ordinary text; a run of them hides bits.
    expect(plainText('⚠️ ℹ️')).toBe('⚠️ ℹ️');
    expect(plainText('⚠\ufe0f\ufe0f\ufe0e')).toBe('⚠\ufe0f\\ufe0f\\ufe0e');
    // Blank-looking symbols make an id look empty or two ids look the same.
    expect(plainText('a\u2800b\u{1d173}')).toBe('a\\u2800b\\u{1d173}');
  });

  it('escapes what sits at either end of the text, and a look-alike mention after other text', () => {
    expect(plainText('\u200bx\u009b')).toBe('\\u200bx\\x9b');
    expect(plainText('Größe ＠аcme/security')).toBe('Größe \\uff20\\u0430cme/security');
  });

  it('is idempotent', () => {
    const once = plainText(`${ESC}[31m\nred`);
    expect(plainText(once)).toBe(once);
  });
});

describe('markdownText', () => {
  it('leaves plain identifiers readable', () => {
    expect(markdownText('orders service')).toBe('orders service');
  });

  it('shows @mentions, team mentions, emails, issue references and URLs as code, where GitHub does not act on them', () => {
    expect(markdownText('ping @org/security-team now')).toBe('ping `@org/security-team` now');
    expect(markdownText('@alice')).toBe('`@alice`');
    expect(markdownText('mail a@b.co')).toBe('mail `a@b.co`');
    expect(markdownText('see #12 and GH-7 and org/repo#3')).toBe('see `#12` and `GH-7` and `org/repo#3`');
    expect(markdownText('go https://evil.example/x or www.evil.example')).toBe(
      'go `https://evil.example/x` or `www.evil.example`',
    );
    expect(markdownText('commit 1a2b3c4d')).toBe('commit `1a2b3c4d`');
  });

  it('escapes HTML, comments, links, images, emphasis, tables and math', () => {
    const out = markdownText(
      '<img src=x> </table> <details> <!-- blueprint-review:finding id=ab --> [x](y) ![i](j) *b* _i_ a|b $x$ ~s~ &amp;',
    );
    expect(out).not.toMatch(/(^|[^\\])[<[|*_$~&!]/);
    expect(out).toContain('\\<img src=x\\>');
    expect(out).toContain('\\<\\!-- blueprint-review:finding id=ab --\\>');
  });

  it('cannot start a list item, heading or ordered list at the start of a line', () => {
    expect(markdownText('- item')).toBe('\\- item');
    expect(markdownText('# title')).toBe('\\# title');
    expect(markdownText('1. first')).toBe('1\\. first');
    expect(markdownText('> quote')).toBe('\\> quote');
  });

  it('shows a word holding a commit SHA between punctuation as code: GitHub links the SHA there too', () => {
    expect(markdownText('deadbeefcafe1234-x')).toBe('`deadbeefcafe1234-x`');
    expect(markdownText('sha=ffff000000000000000000000000000000000001')).toBe(
      '`sha=ffff000000000000000000000000000000000001`',
    );
    expect(markdownText('a/abcdef1234567/b')).toBe('`a/abcdef1234567/b`');
    // The forms GitHub's docs show, and a SHA ending a sentence or in brackets.
    expect(markdownText('jlord@a5c3785 jlord/sheetsee.js@a5c3785 (a5c3785), [A5C3785].')).toBe(
      '`jlord@a5c3785` `jlord/sheetsee.js@a5c3785` (`a5c3785`), \\[`A5C3785`\\].',
    );
    // Within a longer word, a hex run is no SHA: GitHub links none of these.
    expect(markdownText('v1.2.3 2025-01-20 order_1234567 x1234567 deadbeefcafe1234x')).toBe(
      'v1.2.3 2025-01-20 order\\_1234567 x1234567 deadbeefcafe1234x',
    );
  });

  it('leaves emoji shortcodes to render: the emoji they name is text a repository can write anyway', () => {
    expect(markdownText(':white_check_mark: approved ✅')).toBe(':white\\_check\\_mark: approved ✅');
  });

  it('keeps the punctuation around a reference-like word outside its code span', () => {
    expect(markdownText('("@acme/team").')).toBe('("`@acme/team`").');
    expect(markdownText('""')).toBe('""');
  });

  it('keeps the brackets a reference-like word opened inside its code span: a bot login is one word', () => {
    expect(markdownText('@github-actions[bot] took it off.')).toBe('`@github-actions[bot]` took it off.');
    expect(markdownText('([@renovate[bot]])')).toBe('(\\[`@renovate[bot]`\\])');
    expect(markdownText('@f(x)).')).toBe('`@f(x)`).');
  });

  it('keeps a possessive after a reference-like word outside its code span: no handle holds an apostrophe', () => {
    expect(markdownText("@eve's approval")).toBe("`@eve`'s approval");
    expect(markdownText('@acme/orders’s members.')).toBe('`@acme/orders`’s members.');
    // A word that is not reference-like without it keeps its apostrophe as text.
    expect(markdownText("it's eve's")).toBe("it's eve's");
  });

  it('handles a megabyte-long word of closing punctuation (it once took minutes): cut to 4,000 characters, the cut said', () => {
    const word = `a${')'.repeat(1_000_000)}@b`;
    const cut = markdownText(word);
    expect(cut.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    const [, kept, more] = /^a(\)+)… \((\d+) more characters\)$/.exec(cut)!;
    expect(1 + kept!.length + Number(more)).toBe(word.length);
    const closers = `(${')'.repeat(1_000_000)}`;
    expect(markdownText(closers)).toMatch(/^\(\)+… \(\d+ more characters\)$/);
  });

  it('keeps hostile text on one line', () => {
    expect(markdownText('a\n| x | y |\n# h')).not.toContain('\n');
  });
});

describe('markdownCode', () => {
  it('fences with more backticks than the text holds, so the text cannot close the span', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('``x')).toBe('``` ``x ```');
    expect(markdownCode('plain')).toBe('`plain`');
  });

  it('stays on one line and shows controls', () => {
    expect(markdownCode(`a\nb${ESC}[2J`)).toBe('`a b\\x1b[2J`');
  });

  it('fences as code() does, all-space values too (CommonMark strips no space from them)', () => {
    for (const value of ['a`b', ' a ', '  ', '`x`', 'plain']) expect(markdownCode(value)).toBe(code(value));
  });
});

describe('code', () => {
  it('leaves a value without backticks in a one-backtick span, as messages always wrote it', () => {
    expect(code('order.total')).toBe('`order.total`');
    expect(code(42)).toBe('`42`');
  });

  it('fences a value with backticks longer than its longest run, padding a backtick at either end', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('a``b`')).toBe('``` a``b` ```');
    expect(code('`')).toBe('`` ` ``');
  });

  it('keeps the spaces of a value that starts and ends with one', () => {
    expect(code(' a ')).toBe('`  a  `');
    expect(code('  ')).toBe('`  `');
  });

  it('pads only a value that starts and ends with a space and is not all white space', () => {
    expect(code(' a\nb ')).toBe('`  a\nb  `');
    expect(code(' ')).toBe('` `');
    expect(code(' \t\n ')).toBe('` \t\n `');
    expect(code(' a')).toBe('` a`');
    expect(code('\ta\t')).toBe('`\ta\t`');
  });

  it('shows an empty value as a span, so it cannot pair with another fence', () => {
    expect(code('')).toBe('` `');
  });

  it('gives markdownMessage one span holding the whole value, whatever it holds', () => {
    const value = 'x` **not bold** ``<!-- y -->`` @octocat';
    const rendered = markdownMessage(`Field ${code(value)} of ${code('b`')} was removed`);
    expect(rendered).toBe('Field ```x` **not bold** ``<!-- y -->`` @octocat``` of `` b` `` was removed');
  });
});

describe('markdownMessage', () => {
  it('keeps a span apart from a word shown as code next to it: touching fences close neither', () => {
    // Joined, ``@acme/team`y```deadbeef1` left the first fence as text and the mention outside.
    expect(markdownMessage('``@acme/team`y``deadbeef1')).toBe('``@acme/team`y`` `deadbeef1`');
    expect(markdownMessage('deadbeef1``@octocat`y``')).toBe('`deadbeef1` ``@octocat`y``');
  });

  it('keeps the message’s own code spans and escapes the text around them', () => {
    expect(markdownMessage('Flow `orders` calls "<b>x</b>" @team')).toBe(
      'Flow `orders` calls "\\<b\\>x\\</b\\>" `@team`',
    );
  });

  it('re-fences a code span whose interpolated text holds backticks', () => {
    expect(markdownMessage('Operation `a``b <img>` in "@x"')).toBe('Operation ```a``b <img>``` in "`@x`"');
    // An id with one backtick ends the template's span early: every piece is still inert.
    expect(markdownMessage('Operation `a`b <img>` of "@x"')).toBe('Operation `a`b \\<img\\>\\` of "`@x`"');
  });

  it('treats an unmatched backtick as text', () => {
    expect(markdownMessage('id `x is <b>')).toBe('id \\`x is \\<b\\>');
  });
});

describe('markdownCell', () => {
  it('escapes every pipe, inside code spans too, and joins lines', () => {
    expect(markdownCell(`${markdownCode('a|b')} ${markdownText('c|d')}\nx`)).toBe('`a\\|b` c\\\\|d x');
  });
});
