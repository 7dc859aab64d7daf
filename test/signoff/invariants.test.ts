/**
 * Each test tries to break one invariant of the sign-off gate (DESIGN.md, "The sign-off gate:
 * invariants"; issue 6, "Tests that try to break it").
 */
import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { gitHubConfigFiles } from '../../src/adapters/github/config.js';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import type { ConfigFiles } from '../../src/load/repository-config.js';
import { readRepositoryConfig } from '../../src/load/repository-config.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';
import type { GateDecision } from '../../src/signoff/evaluate.js';
import type { Review } from '../../src/signoff/types.js';
import { signoffConfigSource } from '../../src/signoff/gate.js';
import { renderSummaryMarkdown } from '../../src/signoff/render.js';
import type { Scenario } from './fixtures.js';
import { ADD_FIELD, BASE_FILES, HEAD, NON_BREAKING, TEAMS, edit, review, runScenario } from './fixtures.js';

const CONTRACT = 'blueprint/contracts/orders.yaml';
const C1 = 'cccc000000000000000000000000000000000001';

const validator = createSchemaValidator();
const nonBreakingHead = edit(BASE_FILES, CONTRACT, [ADD_FIELD]);

/** The gate on the head that adds a field to the orders contract, judged non-breaking by the diff. */
function nonBreakingChange(s: Omit<Scenario, 'head' | 'contractDiffs'>) {
  return runScenario({ head: nonBreakingHead, contractDiffs: NON_BREAKING, ...s });
}

/** `user`'s review `minute` on the head, dismissed; the pull request's events say what it `was` and `by` whom. */
function dismissed(user: string, minute: number, dismissal: NonNullable<Review['dismissal']>): Review {
  return { ...review(user, 'DISMISSED', HEAD, minute), dismissal };
}

function ruleIds(decision: GateDecision): string[] {
  return decision.rules.map((r) => r.ruleId);
}

function approvers(decision: GateDecision, ruleId: string): string[] {
  return (
    decision.rules
      .find((r) => r.ruleId === ruleId)
      ?.groups.flatMap((g) => g.approvedBy.map((a) => a.login)) ?? []
  );
}

describe('invariant 1: the base config judges the PR', () => {
  const baseConfig = `signoff:
  architectureBoardApprovals: 1
  rules:
    - id: web-reviews-contracts
      when: { categories: [contract] }
      require: { teams: [acme/web] }
`;
  const base = { ...BASE_FILES, '.github/blueprint-review.yml': baseConfig };
  const head = {
    ...edit(base, CONTRACT, [ADD_FIELD]),
    '.github/blueprint-review.yml': 'signoff:\n  rules: []\n',
  };

  it('keeps a rule the PR deletes from the config, and asks the config approvers for the edit', async () => {
    const { decision } = await runScenario({
      base,
      head,
      contractDiffs: NON_BREAKING,
      reviews: [review('wendy', 'APPROVED', HEAD, 1)],
    });
    expect(ruleIds(decision)).toEqual(['web-reviews-contracts', 'gate-config-change']);
    expect(approvers(decision, 'web-reviews-contracts')).toEqual(['wendy']);
    expect(decision.state).toBe('action_required');
    expect(decision.rules.find((r) => r.ruleId === 'gate-config-change')?.groups[0]?.label).toBe(
      '@acme/architecture-board',
    );
  });

  it('passes only once the architecture board approves the config change too', async () => {
    const { decision } = await runScenario({
      base,
      head,
      contractDiffs: NON_BREAKING,
      reviews: [review('wendy', 'APPROVED', HEAD, 1), review('ada', 'APPROVED', HEAD, 2)],
    });
    expect(decision.state).toBe('success');
  });

  it('cannot drop the built-in config rule even from the base config', async () => {
    const noRules = { ...BASE_FILES, '.github/blueprint-review.yml': 'signoff:\n  rules: []\n' };
    const { decision } = await runScenario({
      base: noRules,
      head: { ...noRules, '.github/blueprint-review.yml': 'signoff: {}\n' },
    });
    expect(ruleIds(decision)).toEqual(['gate-config-change']);
    expect(decision.state).toBe('action_required');
  });
});

describe('invariant 1: a file the config extends in this repository is config too', () => {
  const CONFIG = '.github/blueprint-review.yml';
  const SHARED = '.github/base.yml';
  const base = {
    ...BASE_FILES,
    [CONFIG]: '_extends: shop:.github/base.yml\n',
    [SHARED]: 'signoff:\n  architectureBoardApprovals: 1\n',
  };
  // The weakening lands in the extended file, which the PR may edit like any other.
  const head = { ...base, [SHARED]: 'signoff:\n  architectureBoardApprovals: 0\n' };

  /** The config as the app reads it: this repository is acme/shop, `shop:` names it again. */
  async function appConfig(files: Record<string, string>) {
    const client = new GitHubClient({} as never, 'acme', 'shop');
    const real = gitHubConfigFiles(client);
    const source = new InMemoryFileSource(files, 'base');
    const repositoryFiles: ConfigFiles = {
      describe: real.describe,
      inThisRepository: real.inThisRepository,
      read: async (at) => {
        const read = await source.read(at.path);
        return read.kind === 'ok' ? { kind: 'ok', text: read.text } : { kind: 'missing' };
      },
    };
    const loaded = await readRepositoryConfig(
      repositoryFiles,
      { owner: 'acme', repo: 'shop', path: CONFIG, ref: 'main' },
      validator,
    );
    return signoffConfigSource(CONFIG, loaded);
  }

  it('asks the config approvers for an edit of the extended file', async () => {
    const config = await appConfig(base);
    expect(config).toMatchObject({ kind: 'ok', localPaths: [CONFIG, SHARED] });
    const { decision, changes } = await runScenario({ base, head, config });
    expect(changes.changes.map((c) => c.key)).toEqual([`config:${SHARED}`]);
    expect(ruleIds(decision)).toEqual(['gate-config-change']);
    expect(decision.state).toBe('action_required');
  });

  it('does not take a file of another repository with the same path for this one', async () => {
    const client = new GitHubClient({} as never, 'acme', 'shop');
    const files = gitHubConfigFiles(client);
    expect(files.inThisRepository({ repo: 'shop', path: SHARED })).toBe(true);
    expect(files.inThisRepository({ owner: 'ACME', repo: 'Shop', path: SHARED })).toBe(true);
    expect(files.inThisRepository({ repo: '.github', path: SHARED })).toBe(false);
    expect(files.inThisRepository({ owner: 'other', repo: 'shop', path: SHARED })).toBe(false);
  });
});

describe('invariant 1: owners come from the base blueprint', () => {
  const head = edit(BASE_FILES, 'blueprint/blueprint.yaml', [
    ['    owner: acme/orders\n    provider: orders', '    owner: mallory\n    provider: orders'],
  ]);

  it("ignores the PR author's approval after the PR makes them the contract's owner", async () => {
    const { decision } = await runScenario({
      head,
      author: 'mallory',
      reviews: [review('mallory', 'APPROVED', HEAD, 1)],
    });
    expect(decision.state).toBe('action_required');
    expect(decision.rules.find((r) => r.ruleId === 'contract-owner')?.groups.map((g) => g.label)).toEqual([
      '@acme/orders',
    ]);
    expect(ruleIds(decision)).toContain('owners-approve-ownership-changes');
    expect(approvers(decision, 'contract-owner')).toEqual([]);
  });

  it('ignores the new owner named by the PR when someone else opened it', async () => {
    const { decision } = await runScenario({
      head,
      author: 'trent',
      reviews: [review('mallory', 'APPROVED', HEAD, 1)],
    });
    expect(decision.state).toBe('action_required');
    expect(decision.notes.join('\n')).toContain('@mallory is not a designated approver');
  });

  it('passes when the base owner approves the hand-over', async () => {
    const { decision } = await runScenario({
      head,
      author: 'trent',
      reviews: [review('olivia', 'APPROVED', HEAD, 1)],
    });
    expect(decision.state).toBe('success');
    expect(renderSummaryMarkdown(decision)).toContain(
      '@olivia approved `' +
        HEAD +
        '` as `@acme/orders` under `contract-owner`, `owners-approve-ownership-changes`',
    );
  });
});

describe('invariant 3: nobody approves their own change', () => {
  it('does not count the author’s approval, even as a member of the owning team', async () => {
    const { decision } = await nonBreakingChange({
      author: 'olivia',
      reviews: [review('olivia', 'APPROVED', HEAD, 1)],
    });
    expect(decision.state).toBe('action_required');
    expect(decision.notes).toContain(
      "@olivia's approval does not count: @olivia is the author of this pull request (self-approval is not allowed).",
    );
  });

  it('does not count someone who pushed a commit to the PR', async () => {
    const { decision } = await nonBreakingChange({
      author: 'trent',
      reviews: [review('oscar', 'APPROVED', HEAD, 1)],
      facts: { commits: [{ sha: HEAD, author: 'trent', committer: 'oscar' }] },
    });
    expect(decision.state).toBe('action_required');
    expect(decision.notes.join('\n')).toContain('@oscar is the committer of commit ffff000');
  });

  it('counts a teammate who did not touch the PR', async () => {
    const { decision } = await nonBreakingChange({
      author: 'olivia',
      reviews: [review('olivia', 'APPROVED', HEAD, 1), review('oscar', 'APPROVED', HEAD, 2)],
    });
    expect(decision.state).toBe('success');
    expect(approvers(decision, 'contract-owner')).toEqual(['oscar']);
  });

  it('counts the author when the base config allows self-approval', async () => {
    const base = { ...BASE_FILES, '.github/blueprint-review.yml': 'signoff:\n  allowSelfApproval: true\n' };
    const { decision } = await runScenario({
      base,
      head: edit(base, CONTRACT, [ADD_FIELD]),
      contractDiffs: NON_BREAKING,
      author: 'olivia',
      reviews: [review('olivia', 'APPROVED', HEAD, 1)],
    });
    expect(decision.state).toBe('success');
  });
});

describe('invariant 3: membership is checked now, and a failed lookup is "not approved"', () => {
  it('does not count an approval from someone outside the owning team', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [review('eve', 'APPROVED', HEAD, 1)],
    });
    expect(decision.state).toBe('action_required');
    expect(decision.notes).toContain(
      "@eve's approval does not count: @eve is not a designated approver of any rule that applies.",
    );
  });

  it('does not count an approval when the membership lookup fails with a 5xx, and says so', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [review('olivia', 'APPROVED', HEAD, 1)],
      facts: { failingTeams: { 'acme/orders': 'GitHub answered 502 Bad Gateway' } },
    });
    expect(decision.state).toBe('action_required');
    expect(approvers(decision, 'contract-owner')).toEqual([]);
    expect(decision.notes.join('\n')).toMatch(
      /@olivia's approval is not counted for @acme\/orders: membership could not be checked \(@acme\/orders: GitHub answered 502 Bad Gateway\)/,
    );
  });

  it('uses the membership of the moment: a member who left no longer counts', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [review('olivia', 'APPROVED', HEAD, 1)],
      facts: { teams: { ...TEAMS, 'acme/orders': ['oscar'] } },
    });
    expect(decision.state).toBe('action_required');
  });
});

describe('invariant 2: an approval covers the blueprint being merged', () => {
  it('drops an approval when a later commit changes the contract', async () => {
    const head = edit(nonBreakingHead, CONTRACT, [['version: 1.0.0', 'version: 1.1.0']]);
    const { decision } = await runScenario({
      head,
      commits: { [C1]: nonBreakingHead },
      contractDiffs: NON_BREAKING,
      reviews: [review('olivia', 'APPROVED', C1, 1)],
    });
    expect(decision.state).toBe('action_required');
    expect(decision.notes).toContain(
      "@olivia's approval on cccc000 does not count: the blueprint changed after it; approve the head commit ffff000.",
    );
  });

  it('keeps an approval across a rebase that leaves the blueprint files byte-identical', async () => {
    const rebasedHead = { ...nonBreakingHead, 'README.md': '# order to cash\n\nNow with a changelog.\n' };
    const { decision } = await runScenario({
      head: rebasedHead,
      commits: { [C1]: nonBreakingHead },
      contractDiffs: NON_BREAKING,
      reviews: [review('olivia', 'APPROVED', C1, 1)],
    });
    expect(decision.state).toBe('success');
    const approval = decision.rules[0]?.groups[0]?.approvedBy[0];
    expect(approval).toEqual({ login: 'olivia', sha: C1, via: '@acme/orders', carriedOver: true });
  });

  it('drops an approval when only the gate config differs (the config is part of what is approved)', async () => {
    const head = { ...nonBreakingHead, '.github/blueprint-review.yml': 'signoff: {}\n# edited\n' };
    const { decision } = await runScenario({
      head,
      commits: { [C1]: nonBreakingHead },
      contractDiffs: NON_BREAKING,
      reviews: [review('olivia', 'APPROVED', C1, 1)],
    });
    expect(approvers(decision, 'contract-owner')).toEqual([]);
  });

  it('does not count an approval on a commit whose files cannot be read', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [review('olivia', 'APPROVED', C1, 1)],
    });
    expect(decision.state).toBe('action_required');
    expect(decision.notes.join('\n')).toContain(
      'its blueprint files could not be read (commit cccc000 is unknown)',
    );
  });
});

describe('invariant 4: a designated approver’s change request blocks until they approve', () => {
  it('stays blocked when someone else approves', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [review('oscar', 'CHANGES_REQUESTED', HEAD, 1), review('olivia', 'APPROVED', HEAD, 2)],
    });
    expect(approvers(decision, 'contract-owner')).toEqual(['olivia']);
    expect(decision.state).toBe('failure');
    expect(decision.blockers).toEqual([
      { kind: 'changes-requested', login: 'oscar', sha: HEAD, as: '@acme/orders (contract-owner)' },
    ]);
  });

  it('is released when that person approves', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [
        review('oscar', 'CHANGES_REQUESTED', HEAD, 1),
        review('olivia', 'APPROVED', HEAD, 2),
        review('oscar', 'COMMENTED', HEAD, 3),
        review('oscar', 'APPROVED', HEAD, 4),
      ],
    });
    expect(decision.state).toBe('success');
  });

  it('is released when the change request is dismissed, and an earlier approval does not come back', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [
        review('oscar', 'APPROVED', HEAD, 1),
        dismissed('oscar', 2, { was: 'CHANGES_REQUESTED', by: 'admin' }),
      ],
    });
    expect(decision.blockers).toEqual([]);
    expect(decision.state).toBe('action_required');
  });

  it('stays blocked when the author of the pull request dismissed the change request', async () => {
    const { decision } = await nonBreakingChange({
      author: 'trent',
      reviews: [
        dismissed('oscar', 1, { was: 'CHANGES_REQUESTED', by: 'Trent' }),
        review('olivia', 'APPROVED', HEAD, 2),
      ],
    });
    expect(decision.state).toBe('failure');
    expect(decision.blockers).toEqual([
      { kind: 'changes-requested', login: 'oscar', sha: HEAD, as: '@acme/orders (contract-owner)' },
    ]);
    expect(decision.notes.join('\n')).toContain(
      '@oscar requested changes; the review was dismissed but still blocks: @Trent dismissed it, and is the author of this pull request.',
    );
  });

  it('stays blocked when someone who pushed to the pull request dismissed the change request', async () => {
    const { decision } = await nonBreakingChange({
      author: 'trent',
      facts: { pushers: ['mallory'] },
      reviews: [
        dismissed('oscar', 1, { was: 'CHANGES_REQUESTED', by: 'mallory' }),
        review('olivia', 'APPROVED', HEAD, 2),
      ],
    });
    expect(decision.state).toBe('failure');
    expect(decision.blockers.map((b) => b.login)).toEqual(['oscar']);
  });

  it('stays blocked when the events do not say what a dismissed review was or who dismissed it', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [review('oscar', 'DISMISSED', HEAD, 1), review('olivia', 'APPROVED', HEAD, 2)],
    });
    expect(decision.state).toBe('failure');
    expect(decision.blockers.map((b) => b.login)).toEqual(['oscar']);
    expect(decision.notes.join('\n')).toContain("the pull request's events do not say what the review was");
  });

  it('blocks on a state GitHub may add that the gate does not know, from an approver, naming it', async () => {
    const unknown = (user: string, minute: number): Review => ({
      ...review(user, 'UNRECOGNIZED', HEAD, minute),
      unrecognizedState: 'ESCALATED',
    });
    const { decision } = await nonBreakingChange({
      reviews: [review('olivia', 'APPROVED', HEAD, 1), unknown('olivia', 2), unknown('sam', 3)],
    });
    expect(decision.state).toBe('failure');
    // Olivia's later review takes her approval's place; Sam approves for nothing, so blocks nothing.
    expect(decision.blockers).toEqual([
      {
        kind: 'unknown-state',
        state: 'ESCALATED',
        login: 'olivia',
        sha: HEAD,
        as: '@acme/orders (contract-owner)',
      },
    ]);
    expect(approvers(decision, 'contract-owner')).toEqual([]);
    const summary = renderSummaryMarkdown(decision);
    expect(summary).toContain('**Blocked: waiting for @olivia to review again**');
    expect(summary).toContain(
      "@olivia's latest review on `" +
        HEAD.slice(0, 7) +
        '` has the state `ESCALATED`, which this version of blueprint-review does not know (it may request changes)',
    );
  });

  it('says an unexplained dismissal is one, not a change request, and asks whom a change request would', async () => {
    const unexplained = await nonBreakingChange({
      reviews: [review('oscar', 'DISMISSED', HEAD, 1), review('sam', 'APPROVED', HEAD, 2)],
    });
    const changeRequest = await nonBreakingChange({
      reviews: [review('oscar', 'CHANGES_REQUESTED', HEAD, 1), review('sam', 'APPROVED', HEAD, 2)],
    });
    const { decision } = unexplained;
    expect(decision.blockers).toEqual([
      { kind: 'dismissal-unexplained', login: 'oscar', sha: HEAD, as: '@acme/orders (contract-owner)' },
    ]);
    const summary = renderSummaryMarkdown(decision);
    expect(summary).not.toContain('who requested changes');
    expect(summary).toContain('**Blocked: waiting for @oscar to review again**');
    expect(summary).toContain(
      "@oscar's review on `" +
        HEAD.slice(0, 7) +
        '` was dismissed and GitHub does not say what it was (it may have requested changes). Ask @oscar to review again',
    );
    expect(decision.reviewRequests).toEqual(changeRequest.decision.reviewRequests);
    expect(decision.reviewRequests.teams).toEqual(['acme/orders']);
  });

  it.each(['DISMISSED', 'PENDING'] as const)(
    'stays blocked when the dismissal event gives the state %s, not what the review was',
    async (was) => {
      const { decision } = await nonBreakingChange({
        author: 'mallory',
        reviews: [dismissed('oscar', 1, { was, by: 'mallory' }), review('olivia', 'APPROVED', HEAD, 2)],
      });
      expect(decision.state).toBe('failure');
      expect(decision.blockers.map((b) => b.login)).toEqual(['oscar']);
      expect(decision.notes.join('\n')).toContain(
        "the pull request's events do not say what the review was before it was dismissed",
      );
    },
  );

  it('takes a dismissed approval away, whoever dismissed it', async () => {
    const { decision } = await nonBreakingChange({
      author: 'trent',
      reviews: [dismissed('olivia', 1, { was: 'APPROVED', by: 'trent' })],
    });
    expect(decision.state).toBe('action_required');
    expect(decision.blockers).toEqual([]);
    expect(approvers(decision, 'contract-owner')).toEqual([]);
  });

  it('takes a dismissed approval away when GitHub no longer names who dismissed it, asking no one to lift a block', async () => {
    // A deleted account's events name no actor: what was dismissed is known, and an approval never blocked.
    const { decision } = await nonBreakingChange({
      reviews: [dismissed('olivia', 1, { was: 'APPROVED', by: undefined })],
    });
    expect(decision.state).toBe('action_required');
    expect(decision.blockers).toEqual([]);
    expect(approvers(decision, 'contract-owner')).toEqual([]);
    expect(decision.notes.join('\n')).not.toContain('requested changes');
  });

  it('keeps a dismissed change request blocking when GitHub no longer names who dismissed it', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [
        dismissed('oscar', 1, { was: 'CHANGES_REQUESTED', by: undefined }),
        review('olivia', 'APPROVED', HEAD, 2),
      ],
    });
    expect(decision.state).toBe('failure');
    expect(decision.blockers.map((b) => b.login)).toEqual(['oscar']);
    expect(decision.notes.join('\n')).toContain("the pull request's events do not say who dismissed it");
  });

  it('stays released when a later approval of the same person is dismissed (the latest review counts)', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [
        review('oscar', 'CHANGES_REQUESTED', HEAD, 1),
        review('olivia', 'APPROVED', HEAD, 2),
        dismissed('oscar', 3, { was: 'APPROVED', by: 'admin' }),
      ],
    });
    expect(decision.blockers).toEqual([]);
    expect(decision.state).toBe('success');
  });

  it('is not blocked by a change request from someone who is not a designated approver', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [review('eve', 'CHANGES_REQUESTED', HEAD, 1), review('olivia', 'APPROVED', HEAD, 2)],
    });
    expect(decision.state).toBe('success');
  });

  it('treats a change request as blocking when the requester’s membership cannot be checked', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [review('eve', 'CHANGES_REQUESTED', HEAD, 1)],
      facts: { failingTeams: { 'acme/orders': 'GitHub answered 503' } },
    });
    expect(decision.state).toBe('failure');
    expect(decision.blockers[0]?.as).toContain('membership could not be checked');
  });
});

describe('invariant 5: fail closed', () => {
  it('fails without a config on the base branch', async () => {
    const { ['.github/blueprint-review.yml']: _dropped, ...base } = BASE_FILES;
    const { decision } = await runScenario({ base, head: { ...base, 'README.md': 'x' } });
    expect(decision.state).toBe('failure');
    expect(decision.problems[0]).toContain('There is no .github/blueprint-review.yml on the base branch');
  });

  it('fails when the base config is invalid', async () => {
    const base = {
      ...BASE_FILES,
      '.github/blueprint-review.yml': 'signoff:\n  allowSelfApproval: yes please\n',
    };
    const { decision } = await runScenario({ base, head: base });
    expect(decision.state).toBe('failure');
    expect(decision.problems[0]).toMatch(/invalid.*\.github\/blueprint-review\.yml@base:2: /);
  });

  it('fails when the reviews cannot be read', async () => {
    const { InMemoryPullRequestFacts } = await import('../../src/signoff/facts.js');
    const broken = new InMemoryPullRequestFacts({ author: 'mallory', headSha: HEAD });
    broken.reviews = () => Promise.reject(new Error('socket hang up'));
    const { evaluateSignoff, blueprintScope } = await import('../../src/signoff/gate.js');
    const decision = await evaluateSignoff({
      config: { kind: 'ok', path: '.github/blueprint-review.yml', section: {} },
      org: 'acme',
      changes: { changes: [], problems: [] },
      facts: broken,
      scope: blueprintScope([], []),
    });
    expect(decision.state).toBe('failure');
    expect(decision.problems).toEqual(["Could not read the pull request's reviews: socket hang up."]);
  });

  it('titles a failure GitHub alone caused "Not evaluated", and one with anything to fix "Blocked"', async () => {
    const { InMemoryPullRequestFacts } = await import('../../src/signoff/facts.js');
    const { evaluateSignoff, blueprintScope } = await import('../../src/signoff/gate.js');
    const { decisionTitle } = await import('../../src/signoff/render.js');
    const facts = new InMemoryPullRequestFacts({ author: 'mallory', headSha: HEAD });
    facts.reviews = async () => ({
      kind: 'error',
      reason: 'GitHub answered 502 Bad Gateway',
      transient: true,
    });
    const decide = (headProblems: string[]) =>
      evaluateSignoff({
        config: { kind: 'ok', path: '.github/blueprint-review.yml', section: {} },
        org: 'acme',
        changes: { changes: [], problems: [] },
        facts,
        scope: blueprintScope([], []),
        headProblems,
      });
    const transient = await decide([]);
    expect(transient.state).toBe('failure');
    expect(decisionTitle(transient)).toBe('Not evaluated: GitHub did not answer (re-run this check)');
    const withFinding = await decide(['1 error finding in blueprint/ (see the Blueprint review check).']);
    expect(withFinding.state).toBe('failure');
    expect(decisionTitle(withFinding)).toBe('Blocked: 2 problems to fix');
  });

  it('fails on error findings in the head even when every approval is there', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [review('olivia', 'APPROVED', HEAD, 1)],
      headProblems: ['2 error findings in blueprint/ (see the Blueprint review check)'],
    });
    expect(decision.state).toBe('failure');
  });

  it('fails when the head blueprint does not load', async () => {
    const head = { ...BASE_FILES, 'blueprint/blueprint.yaml': 'apiVersion: [unclosed\n' };
    const { decision } = await runScenario({ head });
    expect(decision.state).toBe('failure');
    expect(decision.problems.join('\n')).toContain('does not load at the head');
  });

  it('treats a changed contract without a diff verdict as breaking', async () => {
    const { decision, changes } = await runScenario({ head: nonBreakingHead, contractDiffs: [] });
    expect(changes.changes[0]?.breaking).toBe(true);
    expect(changes.changes[0]?.details).toEqual([
      'no breaking-change analysis is available for it, so it is treated as breaking',
    ]);
    expect(decision.state).toBe('failure');
    expect(ruleIds(decision)).toContain('change-control');
  });
});

describe('invariant 10: the latest review counts, and only people with write access', () => {
  it('counts no approval when the latest of two approvals was dismissed', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [
        review('olivia', 'APPROVED', HEAD, 1),
        dismissed('olivia', 2, { was: 'APPROVED', by: 'admin' }),
      ],
    });
    expect(decision.state).toBe('action_required');
  });

  it('keeps an approval across later comments of the same person', async () => {
    const { decision } = await nonBreakingChange({
      reviews: [review('olivia', 'APPROVED', HEAD, 1), review('olivia', 'COMMENTED', HEAD, 2)],
    });
    expect(decision.state).toBe('success');
  });

  it('does not count a team member without write access, and says why', async () => {
    const { decision, facts } = await nonBreakingChange({
      reviews: [review('olivia', 'APPROVED', HEAD, 1)],
      facts: { writers: ['oscar'] },
    });
    expect(decision.state).toBe('action_required');
    expect(decision.notes.join('\n')).toContain('@olivia has no write access to the repository');
    expect(facts.calls).toContain('write olivia');
  });
});
