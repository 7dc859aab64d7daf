/**
 * Accounts that push whatever anyone who can write to the repository asks them to, so GitHub's word
 * that one of them pushed names nobody responsible for the push: the built-in ones below, and those
 * the base branch's config names (`signoff.steerableAccounts`: an app of the organisation whose
 * private key sits in Actions secrets, a machine user whose token any workflow can use). A push by
 * one counts as a push the app has no record of (push-trace.ts `tracePushers`), unless it added nothing of
 * its own to the blueprint. Only the BASE branch's config is read: a pull request cannot take an
 * account off the list for its own pushes.
 */
import { normalizeLogin } from './types.js';

/**
 * The account GitHub Actions' workflow token (`GITHUB_TOKEN`) pushes as. Anyone who can write to the
 * repository can have it push anything to any unprotected branch — a workflow of their own branch
 * (push workflows run from every branch), a dispatch, a command comment — and GitHub ties that push to
 * no person: the delivery's sender, the branch's activity and the commit all say `github-actions[bot]`,
 * and no API links a push to the workflow run that made it, let alone to who started that run. Taken
 * as the pusher, it would hide the person who wrote the content, who could then approve it. Other
 * apps' bots push for their app (formatters, dependency updates): they stay pushers like anyone,
 * unless the config names them.
 */
const WORKFLOW_TOKEN =
  "with a workflow's token, which anyone who can write to this repository can have push anything";
/**
 * Copilot's coding agent pushes what whoever assigned it an issue or mentioned it asks for, as
 * `Copilot` (its commits as `copilot-swe-agent[bot]`); GitHub's own required reviews do not count the
 * approval of the person who started it, but name that person to no app.
 */
const COPILOT_AGENT =
  "Copilot's coding agent, which pushes what anyone who can write to this repository asks it for";
const CONFIGURED =
  'which the configuration of the base branch names as pushing what anyone who can write to this repository asks it for (`signoff.steerableAccounts`)';

/** Accounts that push for whoever asks them, with the words that say so (lower case). */
const BUILT_IN: ReadonlyMap<string, string> = new Map([
  ['github-actions[bot]', WORKFLOW_TOKEN],
  ['copilot', `as ${COPILOT_AGENT}`],
  ['copilot-swe-agent[bot]', `as ${COPILOT_AGENT}`],
]);

/**
 * The words saying that `login` pushes for whoever asks it (the built-in accounts, then `configured`,
 * the base config's `signoff.steerableAccounts`), or undefined when it pushes for itself.
 */
export function steeredAs(login: string, configured: readonly string[] = []): string | undefined {
  const name = normalizeLogin(login);
  const builtIn = BUILT_IN.get(name);
  if (builtIn !== undefined) return builtIn;
  return configured.some((account) => normalizeLogin(account) === name) ? CONFIGURED : undefined;
}

/** Whether `login` pushes for whoever asks it: who that was is unknown. */
export function pushesForWhoeverAsks(login: string, configured: readonly string[] = []): boolean {
  return steeredAs(login, configured) !== undefined;
}
