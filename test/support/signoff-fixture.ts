/**
 * A sign-off for tests about what it derives or renders, not about approvals: a pull request by
 * mallory, one commit, reviewed by nobody, in the acme organization.
 */
import type { FileSource } from '../../src/core/file-source.js';
import { InMemoryPullRequestFacts } from '../../src/signoff/facts.js';
import type { SnapshotGateInput, SnapshotGateResult } from '../../src/signoff/pipeline.js';
import { signoffFromSnapshots } from '../../src/signoff/pipeline.js';

/** A base branch that turns the sign-off on and has a blueprint of one system, `shop`, to add to. */
export const ONE_SYSTEM_BASE: Readonly<Record<string, string>> = {
  '.github/blueprint-review.yml': 'signoff: {}\n',
  'blueprint/blueprint.yaml': `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: shop, owner: acme/shop }
`,
};

export const UNREVIEWED_HEAD = 'ffff000000000000000000000000000000000001';

/** What GitHub says of the pull request: its author pushed the head, nobody reviewed, no teams. */
export function unreviewedFacts(headSha = UNREVIEWED_HEAD): InMemoryPullRequestFacts {
  return new InMemoryPullRequestFacts({
    author: 'mallory',
    headSha,
    commits: [{ sha: headSha, author: 'mallory', committer: 'web-flow' }],
    reviews: [],
    teams: {},
    snapshots: {},
  });
}

/** The sign-off of `head` against `base` for that pull request (`over` adds to or replaces the input). */
export function unreviewedSignoff(
  base: FileSource,
  head: FileSource,
  changedFiles: SnapshotGateInput['changedFiles'],
  over: Partial<SnapshotGateInput> = {},
): Promise<SnapshotGateResult> {
  return signoffFromSnapshots({ base, head, changedFiles, facts: unreviewedFacts(), org: 'acme', ...over });
}
