/**
 * A list of GitHub's answers in the reviews file (`reviews`, `commits`, `events`), whole. `gh api`
 * prints one page unless told `--paginate` — 30 entries by default, 100 with `per_page=100` — and a
 * page left out loses what only it says: a retarget, a dismissal or a label taken off on page 2, a
 * change request given after 30 comments. The CLI would then pass where the app, which reads every
 * page, waits. So a list given as pages (`gh api --paginate --slurp`: a list of lists) is read as one
 * list, and a flat list exactly one such page long is refused: it may well be one page of more.
 */
import { quoted } from '../core/inert-text.js';
import { UsageError } from './io.js';

/** The page sizes `gh api` gives: its default, and GitHub's largest. */
const PAGE_SIZES: ReadonlySet<number> = new Set([30, 100]);

/** Where each list comes from, for the command that reads all of it. */
export const LIST_ROUTES = {
  reviews: 'repos/OWNER/REPO/pulls/NUMBER/reviews',
  commits: 'repos/OWNER/REPO/pulls/NUMBER/commits',
  events: 'repos/OWNER/REPO/issues/NUMBER/events',
} as const;

export type GitHubList = keyof typeof LIST_ROUTES;

/**
 * `value`, the file's `name` list, as one list: its pages joined where it gives pages. A value that is
 * not a list is returned as it is (the list's reader says what it expected).
 */
export function wholeList(value: unknown, name: GitHubList, file: string): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length > 0 && value.every((page) => Array.isArray(page))) return (value as unknown[][]).flat();
  if (PAGE_SIZES.has(value.length))
    throw new UsageError(
      `--reviews ${file}: ${quoted(name)} holds exactly ${value.length} entries, as many as one page of GitHub's answer, so later pages may be missing. Give every page: \`gh api --paginate --slurp ${LIST_ROUTES[name]}\` (a list of its pages, read as one list)`,
    );
  return value;
}
