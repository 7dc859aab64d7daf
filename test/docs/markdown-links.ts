/**
 * Links in Markdown, read the way GitHub renders them: inline links and images (not in code), and
 * the anchors GitHub generates for headings (github-slugger's rules) or that HTML declares.
 */
import { Lexer } from 'marked';
import type { Token, Tokens } from 'marked';

export interface MarkdownLink {
  href: string;
  /** 1-based line of the link in its file. */
  line: number;
}

export interface MarkdownOutline {
  links: MarkdownLink[];
  anchors: Set<string>;
}

export function outlineOf(markdown: string): MarkdownOutline {
  const links: MarkdownLink[] = [];
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let offset = 0;
  const lineAt = (raw: string) => markdown.slice(0, markdown.indexOf(raw, offset)).split('\n').length;

  const visit = (tokens: readonly Token[], block: { raw: string; line: number }) => {
    for (const token of tokens) {
      if (token.type === 'link' || token.type === 'image') {
        const at = block.raw.indexOf(token.raw);
        const line = block.line + (at < 0 ? 0 : block.raw.slice(0, at).split('\n').length - 1);
        links.push({ href: (token as Tokens.Link).href, line });
      }
      if (token.type === 'heading') {
        const base = slug(plainText((token as Tokens.Heading).tokens));
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        anchors.add(count === 0 ? base : `${base}-${count}`);
      }
      if (token.type === 'html' || token.type === 'tag')
        for (const match of token.raw.matchAll(/\b(?:id|name)\s*=\s*["']([^"']+)["']/g))
          anchors.add(match[1]!);
      const children = childrenOf(token);
      if (children.length > 0) visit(children, block);
    }
  };
  for (const block of new Lexer().lex(markdown)) {
    const line = lineAt(block.raw);
    offset = Math.max(offset, markdown.indexOf(block.raw, offset));
    visit([block], { raw: block.raw, line });
  }
  return { links, anchors };
}

function childrenOf(token: Token): Token[] {
  const out: Token[] = [];
  if ('tokens' in token && Array.isArray(token.tokens)) out.push(...(token.tokens as Token[]));
  if (token.type === 'list') for (const item of (token as Tokens.List).items) out.push(item);
  if (token.type === 'table') {
    const table = token as Tokens.Table;
    for (const cell of [...table.header, ...table.rows.flat()]) out.push(...cell.tokens);
  }
  return out;
}

function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((t) =>
      'tokens' in t && Array.isArray(t.tokens) && t.type !== 'codespan'
        ? plainText(t.tokens as Token[])
        : 'text' in t
          ? String(t.text)
          : '',
    )
    .join('');
}

/** GitHub's heading anchor: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens. */
export function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}
