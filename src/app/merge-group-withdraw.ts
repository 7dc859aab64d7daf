/**
 * A success that no longer holds is withdrawn (invariant 12), from merge groups too: a group's check
 * passed on the word of the pull request's check of the same name (merge-group-job.ts), so when that
 * check leaves success — the sign-off's on changes requested, an approval dismissed, a membership
 * lost; the review's when a re-run fails under a changed base config — the same check on the pull
 * request's groups still in the queue, and on the groups built on them, is replaced by a failure
 * before the pull request's own check shows it. If the withdrawal fails, so does the write of the
 * pull request's verdict, and the retry, which still finds the old success, withdraws again.
 */
import type { CheckOutput, ExistingCheckRun } from '../adapters/github/check-run.js';
import { CheckRun, lastVerdict, listOwnCheckRuns } from '../adapters/github/check-run.js';
import type { GitHubClient } from '../adapters/github/client.js';
import { isBuiltOn, queuedGroups } from '../adapters/github/merge-group.js';
import type { GroupVerdict } from '../signoff/merge-group.js';
import { queuedPullNumber, withdrawnVerdict } from '../signoff/merge-group.js';
import { quoted } from '../core/inert-text.js';

/** Writes a verdict over a standing success, with the retries of every verdict write. */
export type VerdictWriter = (check: CheckRun, verdict: GroupVerdict) => Promise<void>;

/**
 * Withdraws this app's success of check `name` from every queued group of the pull request, and from
 * every queued group built on one of them: a group holds the changes of the groups ahead of it, and its
 * success vouched for them (src/signoff/merge-group.ts) — with "Only merge non-failing pull requests"
 * off, GitHub would merge them on it alone.
 */
export async function withdrawFromGroups(
  client: GitHubClient,
  pr: { number: number; baseRef: string },
  name: string,
  appId: number,
  write: VerdictWriter,
): Promise<number> {
  const groups = await queuedGroups(client, pr.baseRef);
  const own = groups.filter((g) => queuedPullNumber(g.ref, pr.baseRef) === pr.number);
  const behind: typeof groups = [];
  for (const group of groups) {
    if (own.includes(group)) continue;
    for (const mine of own)
      if (await isBuiltOn(client, mine.headSha, group.headSha)) {
        behind.push(group);
        break;
      }
  }
  let withdrawn = 0;
  for (const [group, isBehind] of [
    ...own.map((g) => [g, false] as const),
    ...behind.map((g) => [g, true] as const),
  ]) {
    const [run] = await listOwnCheckRuns(client, group.headSha, appId, name);
    if (run?.status !== 'completed' || run.conclusion !== 'success') continue;
    const check = new CheckRun(client, name, group.headSha, appId);
    check.adopt(run.id);
    await write(check, withdrawnVerdict(name, pr.number, isBehind));
    withdrawn++;
  }
  return withdrawn;
}

/**
 * A success could not be withdrawn from the merge groups that passed on its word: the pull request's
 * check is not written either (it would hide the success left standing from every retry), and the job
 * fails so that the queue tries again.
 */
export class SuccessNotWithdrawn extends Error {
  override readonly name = 'SuccessNotWithdrawn';
  constructor(
    readonly checkName: string,
    readonly pullNumber: number,
    readonly reason: string,
  ) {
    super(
      `${quoted(checkName)} no longer passes on #${pullNumber}, and its success could not be withdrawn from the merge groups that passed on it: ${reason} The app keeps trying; until it succeeds, the pull request's check is not rewritten.`,
    );
  }
}

/**
 * This app's check of a pull request's head, whose success, once lost, leaves the pull request's merge
 * groups first (`withdrawFromGroups`): every write of a verdict that does not pass, over a last verdict
 * that did, withdraws before it writes. The last verdict is the newest completed run (`lastVerdict`):
 * read with `history` (the sign-off, whose push records are runs of their own that hide it), or from
 * the run `findExisting` found when it is completed (the review: only a re-run writes over a completed
 * verdict, so only a re-run that found its run in progress — its own retry — or could not look reads
 * the history, when it matters; any other evaluation finds no success to withdraw). Left: a re-run
 * whose process died mid-way leaves its run in progress, which the next review, not a re-run,
 * completes without withdrawing.
 */
export class PullRequestCheckRun extends CheckRun {
  /** The last completed verdict on the head: undefined while unknown. */
  private standing: string | null | undefined = undefined;

  constructor(
    private readonly github: GitHubClient,
    name: string,
    headSha: string,
    private readonly app: number,
    private readonly pr: { number: number; baseRef: string; rerun?: boolean },
    /**
     * `hold` (the job's own writes): a success not withdrawn keeps the verdict off the pull request.
     * `write` (a job given up, as `abandonSignoff`): the verdict is written anyway, then the failure thrown.
     */
    private readonly notWithdrawn: 'hold' | 'write' = 'hold',
    /** How each group's verdict is written (the sign-off retries refused writes, as its own). */
    private readonly write: VerdictWriter = (check, verdict) => check.complete(verdict),
  ) {
    super(github, name, headSha, app);
  }

  override async findExisting(): Promise<ExistingCheckRun | undefined> {
    const unknown = this.pr.rerun ? undefined : null;
    let run: ExistingCheckRun | undefined;
    try {
      run = await super.findExisting();
    } catch (error) {
      this.standing = unknown;
      throw error;
    }
    this.standing = run === undefined ? null : run.status === 'completed' ? run.conclusion : unknown;
    return run;
  }

  override async history(): Promise<ExistingCheckRun[]> {
    const runs = await super.history();
    this.standing = lastVerdict(runs);
    return runs;
  }

  override async complete(output: CheckOutput): Promise<void> {
    let lost: SuccessNotWithdrawn | undefined;
    if (output.conclusion !== 'success') {
      try {
        if (this.standing === undefined) await this.history();
        if (this.standing === 'success')
          await withdrawFromGroups(this.github, this.pr, this.name, this.app, this.write);
      } catch (error) {
        lost = new SuccessNotWithdrawn(this.name, this.pr.number, explainError(error));
        if (this.notWithdrawn === 'hold') throw lost;
      }
    }
    await super.complete(output);
    this.standing = output.conclusion;
    if (lost) throw lost;
  }
}

function explainError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
