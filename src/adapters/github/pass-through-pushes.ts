/**
 * Whether a push by an account that pushes for whoever asks (a workflow's token: an update-branch
 * workflow merging the base branch into the pull request), or by a person (GitHub's "Update branch"
 * button), added no blueprint content of its own
 * (push-trace.ts `TraceOptions.addsNothing`). Proven from the trees alone: every blueprint path of the new
 * head — present or absent, its object and mode — is as at the previous head, or as at the merge base
 * of the new head with the base branch (a commit on the base branch, whose content the pull request
 * does not change). A merge commit's tree can hold anything, so what its message or its parents claim
 * proves nothing; a conflict resolved in a blueprint file, or a clean merge of a file both sides
 * changed, makes a file that is neither, and the push stays nobody's known push (fail closed).
 */
import type { BlueprintScope, Lookup } from '../../signoff/types.js';
import { inScope } from '../../signoff/facts.js';
import type { Push } from '../../signoff/pushes.js';
import type { GitHubClient } from './client.js';
import { isNotFound, isTransient, isUnavailableObject } from './client.js';
import { compareCommits } from './compare.js';
import type { TreeItem, TreeReader } from './file-source.js';
import { object, string } from './shapes.js';

const MERGE_BASE = object({ merge_base_commit: object({ sha: string }) });

/** What a push is judged against: the base branch (by name, as it is now) and the blueprint's files. */
export interface PassThroughContext {
  client: GitHubClient;
  trees: TreeReader;
  baseRef: string;
  scope: BlueprintScope;
}

/** Whether `push` added nothing of its own; a commit GitHub no longer serves proves nothing (false). */
export function addsNothingOfItsOwn(context: PassThroughContext): (push: Push) => Promise<Lookup<boolean>> {
  return async (push) => {
    if (push.before === null) return { kind: 'ok', value: false };
    const { client, trees, baseRef, scope } = context;
    const before = push.before;
    try {
      const base = await compareCommits(client, baseRef, push.after, MERGE_BASE);
      const entries = async (sha: string) => blueprintEntries(await trees(sha), scope);
      const [was, is, based] = await Promise.all([
        entries(before),
        entries(push.after),
        entries(base.merge_base_commit.sha),
      ]);
      const paths = new Set([...was.keys(), ...is.keys(), ...based.keys()]);
      const carried = [...paths].every((path) => {
        const entry = is.get(path);
        return entry === was.get(path) || entry === based.get(path);
      });
      return { kind: 'ok', value: carried };
    } catch (error) {
      if (isNotFound(error) || isUnavailableObject(error)) return { kind: 'ok', value: false };
      const reason = error instanceof Error ? error.message : String(error);
      return {
        kind: 'error',
        reason: `could not compare the push of ${push.after.slice(0, 7)} with the commit before it and the base branch: ${reason}`,
        transient: isTransient(error),
      };
    }
  };
}

/** The blueprint's entries of a tree (files, links, submodules): path → type, mode and object. */
function blueprintEntries(tree: readonly TreeItem[], scope: BlueprintScope): Map<string, string> {
  return new Map(
    tree
      .filter((item) => item.type !== 'tree' && inScope(item.path, scope))
      .map((item) => [item.path, `${item.type}\0${item.mode}\0${item.sha}`]),
  );
}
