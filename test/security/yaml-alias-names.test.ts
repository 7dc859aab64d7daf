/**
 * A YAML alias the loader cannot use is a `schema/yaml-syntax` finding that names the alias and the
 * anchor it needs — names the file chose, which YAML lets hold backticks. Rendered (a comment, a
 * summary, the CLI's Markdown), each name is one quotation: a backtick in it must not pair with a
 * fence of the message and turn its own words (`here names no anchor`) into code and the name's
 * (`✅ approved`) into the message's.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { repoWith, runCli } from '../support/run-cli.js';

const NAME = 'x`@acme/team`_✅_approved_`y';

function blueprint(owner: string): string {
  return `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: shop, owner: ${owner} }
`;
}

/** The text of each code span in the Markdown, and the text outside them. */
function spans(markdown: string): { code: string[]; text: string } {
  const html = marked.parse(markdown, { gfm: true, async: false });
  return {
    code: [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => m[1]!.replace(/&amp;/g, '&')),
    text: html.replace(/<code>[\s\S]*?<\/code>/g, ' '),
  };
}

describe('an alias the loader cannot use, in the CLI’s Markdown', () => {
  const cases: Record<string, string> = {
    'an alias with no anchor before it': `*${NAME}`,
    'an alias inside the value it names': `&${NAME} [*${NAME}]`,
    'an alias that expands past the limit': `acme/shop, x: [&${NAME} [1, 2], ${Array(120).fill(`*${NAME}`).join(', ')}]`,
  };
  for (const [what, owner] of Object.entries(cases))
    it(`names ${what} whole, in code, and its words stay ours`, async () => {
      const root = repoWith({ 'blueprint/blueprint.yaml': blueprint(owner) });
      const result = await runCli(['lint', 'blueprint', '--format', 'markdown'], root);
      expect(result.code).toBe(1);
      const row = result.stdout.split('\n').find((line) => /schema\/yaml-(syntax|alias)/.test(line))!;
      const { code, text } = spans(row);
      expect(code.some((c) => c.includes(NAME))).toBe(true);
      expect(text).toContain(' here ');
      expect(text).not.toContain('approved');
    });
});
