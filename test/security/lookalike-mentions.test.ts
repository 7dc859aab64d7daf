/**
 * A mention spelt with look-alikes: `＠acme/security` (fullwidth at), `﹫acme/security` (small at),
 * `@аcme/security` (a Cyrillic а), `@acme/ѕecurity` (a Cyrillic ѕ), `@αcme/security` (a Greek α).
 * GitHub notifies none of them — handles and team slugs are ASCII — but shown as they are, a
 * reviewer reads a team that was asked, or one that approved. Every medium shows such a word's
 * non-ASCII characters as visible escapes (`\uff20acme/security`), in Markdown inside a code span
 * when it holds an `@`: the word reads as what it is. Text that holds no `@` of any form (a
 * description in Russian, `jörg`) is shown as written.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { markdownCellMessage } from '../../src/core/inert-cell.js';
import {
  code,
  markdownCode,
  markdownMessage,
  markdownText,
  plainMessage,
  plainText,
} from '../../src/core/inert-text.js';
import { renderDecisionText, renderSummaryMarkdown } from '../../src/signoff/render.js';
import { rewrittenFilesBetween } from '../support/review-fixture.js';
import { ONE_SYSTEM_BASE, unreviewedSignoff } from '../support/signoff-fixture.js';

const LOOKALIKES = [
  '\uff20acme/security-team',
  '\ufe6bacme/security-team',
  '@\u0430cme/security-team',
  '@acme/\u0455ecurity-team',
  '@\u03b1cme/security-team',
  '\uff20\uff41\uff43\uff4d\uff45/security-team',
];

/** A character of a look-alike that is not ASCII, shown raw. */
const RAW_LOOKALIKE = /[\u0370-\u03ff\u0400-\u04ff\ufe6b\uff01-\uff5e]/;

/** What each medium's writer makes of a message naming `name` (annotations, comments, cells, terminals). */
function everyMedium(name: string): Record<string, string> {
  const message = `Approved by ${name} and ${code(name)}`;
  return {
    'check-run annotation': plainMessage(message),
    terminal: plainText(message),
    'comment or summary message': markdownMessage(message),
    'comment or summary text': markdownText(name),
    'table cell': markdownCellMessage(message),
    'code span': markdownCode(name),
  };
}

describe('a mention spelt with look-alikes', () => {
  it.each(LOOKALIKES)('%s shows its look-alikes as escapes in every medium', (name) => {
    for (const [medium, shown] of Object.entries(everyMedium(name))) {
      expect(shown, medium).not.toMatch(RAW_LOOKALIKE);
      expect(shown, medium).toMatch(/\\u(ff20|fe6b|0430|0455|03b1)/);
    }
  });

  it('is a code span in Markdown when it holds an @', () => {
    expect(markdownText('@\u0430cme/security-team')).toBe('`@\\u0430cme/security-team`');
    expect(markdownMessage('from @\u03b1cme/x')).toBe('from `@\\u03b1cme/x`');
  });

  it('leaves a real mention and text without an @ as they are', () => {
    expect(markdownText('@acme/security-team')).toBe('`@acme/security-team`');
    expect(plainText('Заказы от jörg, ＡＰＩ, αβγ')).toBe('Заказы от jörg, ＡＰＩ, αβγ');
    expect(plainText('mail jörg@example.org')).toBe('mail j\\xf6rg@example.org');
  });
});

describe('the sign-off summary and text of a blueprint naming look-alike teams', () => {
  const head = {
    ...ONE_SYSTEM_BASE,
    'blueprint/blueprint.yaml': `${ONE_SYSTEM_BASE['blueprint/blueprint.yaml']}${LOOKALIKES.map(
      (name, i) => `  - { id: "${name}", name: "asked ${name}", owner: acme/shop-${i} }\n`,
    ).join('')}`,
  };

  it('names each added system with its look-alikes escaped, none raw', async () => {
    const { decision } = await unreviewedSignoff(
      new InMemoryFileSource(ONE_SYSTEM_BASE, 'base'),
      new InMemoryFileSource(head, 'head'),
      rewrittenFilesBetween(ONE_SYSTEM_BASE, head),
    );
    const because = decision.rules.flatMap((r) => r.because).join('\n');
    for (const name of LOOKALIKES) expect(because).toContain(name);
    for (const shown of [renderSummaryMarkdown(decision), renderDecisionText(decision)]) {
      expect(shown).not.toMatch(RAW_LOOKALIKE);
      expect(shown).toContain('\\uff20acme/security-team');
      expect(shown).toContain('@\\u0430cme/security-team');
    }
  });
});

describe('a word with an at sign, written in symbols beside ASCII', () => {
  it('keeps its punctuation and emoji, and escapes a look-alike slash', () => {
    expect(plainText('@acme/secu… ✅@acme’s')).toBe('@acme/secu… ✅@acme’s');
    expect(plainText('@acme\u2215security')).toBe('@acme\\u2215security');
  });
});
