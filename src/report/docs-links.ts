/**
 * Where a rule is documented. The docs ship inside the package (`docs/` next to `build/`), so a page
 * is always at hand offline; a link is built only when the user says where the docs are published
 * (the app's `BLUEPRINT_REVIEW_DOCS_URL`, the Action's `docs-url` input, the CLI's `--docs-url`).
 * Without one, renderers show the rule's own words inline instead of a link: no output points at an
 * address this project does not control. Pure: the adapters read the setting.
 */

/** The environment variable the app and the CLI read the docs address from. */
export const DOCS_URL_ENV = 'BLUEPRINT_REVIEW_DOCS_URL';

/** `error-handling/async-flow-without-dead-letter` → `error-handling/async-flow-without-dead-letter.md`. */
export function rulePagePath(ruleId: string): string {
  return `${ruleId}.md`;
}

/**
 * The page (and anchor) documenting a rule, relative to the docs folder: `rules/<id>.md` for lint and
 * load rules, the check's row in `breaking-changes.md` for `breaking/<check>`.
 */
export function ruleDocsPage(ruleId: string): string {
  if (ruleId.startsWith('breaking/'))
    return `breaking-changes.md#${encodeURIComponent(ruleId.slice('breaking/'.length))}`;
  return `rules/${rulePagePath(ruleId).split('/').map(encodeURIComponent).join('/')}`;
}

/** The rule's page under a configured docs address (validated by `parseDocsUrl`). */
export function ruleDocsUrl(docsUrl: string, ruleId: string): string {
  return `${docsUrl}/${ruleDocsPage(ruleId)}`;
}

export type DocsUrlResult = { kind: 'ok'; url: string } | { kind: 'invalid'; reason: string };

/**
 * A docs address as users write it (`https://ghe.example.com/org/blueprint-review/blob/v1/docs/`):
 * absolute http(s), no query or fragment (page paths are appended); the trailing slash is dropped.
 */
export function parseDocsUrl(value: string): DocsUrlResult {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { kind: 'invalid', reason: `"${value}" is not an absolute URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { kind: 'invalid', reason: `"${value}" is not an http(s) address` };
  if (url.search || url.hash)
    return { kind: 'invalid', reason: `"${value}" has a query or fragment; give the docs folder's address` };
  return { kind: 'ok', url: url.href.replace(/\/+$/, '') };
}
