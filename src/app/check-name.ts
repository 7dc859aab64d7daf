/**
 * Check-run names. Every check the app writes is named for the base branch its verdict was computed
 * under (`Blueprint review: main`, `Blueprint sign-off: main`), the way policy-bot names its status
 * `policy-bot: <base>`: config and approver lists are read from the base, so a verdict computed for a
 * pull request into one base must never satisfy branch protection of another. Two pull requests with
 * the same head commit get one check per base, and a branch requires the check named for itself.
 * (The Action imports this module too: it stays free of the app's runtime.)
 */
export const REVIEW_CHECK_NAME = 'Blueprint review';
export const SIGNOFF_CHECK_NAME = 'Blueprint sign-off';

const SEPARATOR = ': ';

/** `Blueprint sign-off: main` for `check` "Blueprint sign-off" and base branch `main`. */
export function checkNameFor(check: string, base: string): string {
  return `${check}${SEPARATOR}${base}`;
}

/** The base branch a check run's name is for, or undefined when the name is not one of `check`'s. */
export function baseOfCheckName(check: string, name: string): string | undefined {
  const prefix = check + SEPARATOR;
  return name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : undefined;
}
