/**
 * Check-run names. Every check the app writes is named for the base branch its verdict was computed
 * under (`Blueprint review: main`, `Blueprint sign-off: main`), the way policy-bot names its status
 * `policy-bot: <base>`: config and approver lists are read from the base, so a verdict computed for a
 * pull request into one base must never satisfy branch protection of another. Two pull requests with
 * the same head commit get one check per base, and a branch requires the check named for itself.
 * (The Action imports this module too: it stays free of the app's runtime.)
 *
 * A name must also stay another base's under any case: git branch names are case-sensitive (`Main`
 * and `main` can both exist on GitHub, one with a lax config), while GitHub documents required checks
 * as matched by name without saying whether case counts (its docs and API say nothing either way; a
 * ruleset's and branch protection's `contexts` are plain strings, and an `app_id` binds a check to
 * its source, not to a spelling). A name that differed from another base's only in case would then
 * rest on behaviour nobody promised. So a base with capital letters says where they are, in words no
 * branch name can hold (git refuses spaces in a ref): `Blueprint sign-off: Main (capitals 1)`. Two
 * bases' names are then different strings under any case folding, and a base in lower case (nearly
 * all) keeps its plain name.
 */
export const REVIEW_CHECK_NAME = 'Blueprint review';
export const SIGNOFF_CHECK_NAME = 'Blueprint sign-off';

const SEPARATOR = ': ';
const CAPITALS = ' (capitals ';

/** `Blueprint sign-off: main` for `check` "Blueprint sign-off" and base branch `main`. */
export function checkNameFor(check: string, base: string): string {
  const capitals = capitalPositions(base);
  return `${check}${SEPARATOR}${base}${capitals.length > 0 ? `${CAPITALS}${capitals.join(',')})` : ''}`;
}

/** The base branch a check run's name is for, or undefined when the name is not one of `check`'s. */
export function baseOfCheckName(check: string, name: string): string | undefined {
  const prefix = check + SEPARATOR;
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  const mark = rest.lastIndexOf(CAPITALS);
  const base = mark >= 0 ? rest.slice(0, mark) : rest;
  // Only the name the app writes for that base: `Main` without its capitals, or `main (capitals 1)`, is none.
  return base !== '' && checkNameFor(check, base) === name ? base : undefined;
}

/** The 1-based positions (in characters) of the letters a case folding would change in `base`. */
function capitalPositions(base: string): number[] {
  return [...base].flatMap((char, i) => (char !== char.toLowerCase() ? [i + 1] : []));
}
