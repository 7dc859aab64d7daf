/**
 * The code spans a Markdown renderer shows, read from its HTML: what the quotations of repository
 * text look like once GitHub renders a summary (marked, GitHub-flavoured), entities decoded.
 */
import { marked } from 'marked';

/** The text of each `<code>` element of rendered HTML. */
export function codeSpansInHtml(html: string): string[] {
  return [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/** The code spans of Markdown as rendered. */
export function renderedCodeSpans(markdown: string): string[] {
  return codeSpansInHtml(marked.parse(markdown, { gfm: true, async: false }));
}
