/**
 * `blueprint-review signoff` reads what the app reads from a pull request's issue events — what a
 * dismissed review had been and who dismissed it, who took a label off — from the reviews file's
 * `events` (GitHub's `issues/N/events` answer). Without them, what only they can say is unknown: a
 * dismissed review is neither taken for a change request nor dropped, and a rule's label is not taken
 * to be off; the check fails naming what to give. Agreement with the app: doors-agree.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CONFIG_PATH } from '../../src/core/config-path.js';
import { twoCommitRepo } from '../app/support/git-repo.js';
import type { TwoCommitRepo } from '../app/support/git-repo.js';
import { ADD_FIELD, BASE_FILES, TEAMS, edit } from './fixtures.js';

const PCI_CONFIG = `signoff:
  rules:
    - id: pci-needs-security
      when: { labels: [pci] }
      require: { teams: [acme/security] }
`;

let plain: TwoCommitRepo;
let labelled: TwoCommitRepo;
let scratch: string;

beforeAll(() => {
  plain = twoCommitRepo(BASE_FILES, edit(BASE_FILES, 'blueprint/contracts/orders.yaml', [ADD_FIELD]));
  const base = { ...BASE_FILES, [CONFIG_PATH]: PCI_CONFIG };
  labelled = twoCommitRepo(base, edit(base, 'blueprint/contracts/orders.yaml', [ADD_FIELD]));
  scratch = mkdtempSync(path.join(tmpdir(), 'signoff-cli-events-'));
  writeFileSync(path.join(scratch, 'teams.json'), JSON.stringify(TEAMS));
}, 30_000);

afterAll(() => {
  plain.remove();
  labelled.remove();
  rmSync(scratch, { recursive: true, force: true });
});

/** The CLI's text for `repo`'s head against `main`, with `facts` as the reviews file. */
async function signoff(repo: TwoCommitRepo, facts: Record<string, unknown>) {
  const reviews = path.join(scratch, 'reviews.json');
  writeFileSync(reviews, JSON.stringify({ author: 'mallory', pushers: [], commits: [], ...facts }));
  let out = '';
  let err = '';
  const code = await main(
    [
      'signoff',
      ...['--base', 'main', '--head', 'feature', '--org', 'acme', repo.dir],
      ...['--reviews', reviews, '--teams', path.join(scratch, 'teams.json')],
    ],
    { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: repo.dir, isTTY: false },
  );
  return { code, out: out.replace(/\n\s+/g, ' '), err };
}

/** `user`'s review `id` of the head, as `gh api repos/o/r/pulls/7/reviews` prints it. */
function review(repo: TwoCommitRepo, id: number, user: string, state: string) {
  return {
    id,
    user: { login: user, id: 1000 + id, type: 'User' },
    state,
    commit_id: repo.headSha,
    submitted_at: `2025-01-01T10:0${id}:00Z`,
  };
}

function dismissedBy(login: string, id: number, was: string) {
  return {
    event: 'review_dismissed',
    actor: { login, id: 77, type: 'User' },
    created_at: '2025-01-01T11:00:00Z',
    dismissed_review: { review_id: id, state: was, dismissal_message: 'stale' },
  };
}

describe('a dismissed review in the reviews file', () => {
  it('counts for nothing when the events say it was an approval', async () => {
    const result = await signoff(plain, {
      writers: ['olivia', 'oscar'],
      reviews: [review(plain, 1, 'olivia', 'DISMISSED')],
      events: [dismissedBy('admin', 1, 'approved')],
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain('Still needs: 1 approval from @acme/orders');
    // Not taken for a change request: nobody is asked to lift a block they never made.
    expect(result.out).not.toContain('requested changes');
  });

  it('no longer blocks when the events say an admin dismissed a change request', async () => {
    const result = await signoff(plain, {
      writers: ['olivia', 'oscar'],
      reviews: [review(plain, 1, 'oscar', 'DISMISSED'), review(plain, 2, 'olivia', 'APPROVED')],
      events: [dismissedBy('admin', 1, 'changes_requested')],
    });
    expect(result.out).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('is unknown without events: the check fails naming the review and what to give', async () => {
    const result = await signoff(plain, {
      writers: ['olivia', 'oscar'],
      reviews: [review(plain, 1, 'oscar', 'DISMISSED'), review(plain, 2, 'olivia', 'APPROVED')],
    });
    expect(result.code).toBe(1);
    expect(result.out).not.toContain('SUCCESS');
    expect(result.out).toContain(
      'review 1 (@oscar) was dismissed, and the reviews file lists no "events" to say what each was and who dismissed it',
    );
  });
});

describe("a review state spelt as GitHub's webhook payloads spell it (`approved`)", () => {
  it('is that state: an approval approves, a change request blocks', async () => {
    const approved = await signoff(plain, {
      writers: ['olivia', 'oscar'],
      reviews: [review(plain, 1, 'olivia', 'approved')],
    });
    expect(approved.out).toContain('SUCCESS');
    expect(approved.code).toBe(0);
    const blocked = await signoff(plain, {
      writers: ['olivia', 'oscar'],
      reviews: [review(plain, 1, 'olivia', 'approved'), review(plain, 2, 'oscar', 'changes_requested')],
    });
    expect(blocked.code).toBe(1);
    expect(blocked.out).toContain('@oscar requested changes');
    expect(blocked.out).not.toContain('does not know');
  });
});

describe('a review by an account deleted since (`"user": null` in GitHub\'s answer)', () => {
  it('counts for nothing, as in the app: the answer is read, not refused', async () => {
    const result = await signoff(plain, {
      writers: ['olivia'],
      reviews: [
        { ...review(plain, 1, 'olivia', 'CHANGES_REQUESTED'), user: null },
        review(plain, 2, 'olivia', 'APPROVED'),
      ],
    });
    expect(result.err).toBe('');
    expect(result.out).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });
});

describe('a label its rule names, in the reviews file', () => {
  it('is not taken to be off without events: who took it off is unknown', async () => {
    const result = await signoff(labelled, { writers: ['sam'], labels: [], reviews: [] });
    expect(result.code).toBe(1);
    expect(result.out).not.toContain('SUCCESS');
    expect(result.out).toContain('the reviews file lists no "events"');
  });

  it('stands when the events say its author took it off', async () => {
    const result = await signoff(labelled, {
      writers: ['sam'],
      labels: [],
      reviews: [],
      events: [{ event: 'unlabeled', actor: { login: 'mallory' }, label: { name: 'pci' } }],
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain('Still needs: 1 approval from @acme/security');
    expect(result.out).toContain('Label pci still applies');
  });
});

describe("GitHub's lists in the reviews file, one page or every page", () => {
  /** `n` events that say nothing the gate reads, as a first page of GitHub's answer would hold them. */
  const chatter = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      event: 'mentioned',
      actor: { login: 'eve', id: 5, type: 'User' },
      created_at: `2025-01-01T09:${String(i).padStart(2, '0')}:00Z`,
    }));
  const offByAuthor = {
    event: 'unlabeled',
    actor: { login: 'mallory', id: 9, type: 'User' },
    label: { name: 'pci' },
    created_at: '2025-01-01T10:30:00Z',
  };

  it.each([30, 100])(
    'refuses a list exactly one page long (%i entries), naming the command that reads every page',
    async (n) => {
      // The author's `unlabeled` is on page 2, which the file left out: read alone, page 1 passes.
      const result = await signoff(labelled, {
        writers: ['sam'],
        labels: [],
        reviews: [],
        events: chatter(n),
      });
      expect(result.code).toBe(2);
      expect(result.out).toBe('');
      expect(result.err).toContain(
        `"events" holds exactly ${n} entries, as many as one page of GitHub's answer, so later pages may be missing. Give every page: \`gh api --paginate --slurp repos/OWNER/REPO/issues/NUMBER/events\``,
      );
    },
  );

  it("reads every page of `gh api --paginate --slurp`, as the app reads GitHub's", async () => {
    const result = await signoff(labelled, {
      writers: ['sam'],
      labels: [],
      reviews: [[]],
      events: [chatter(30), [offByAuthor]],
    });
    expect(result.err).toBe('');
    expect(result.code).toBe(1);
    expect(result.out).toContain('Label pci still applies');
  });

  it('refuses one page of reviews too, and reads a whole list that is no page long', async () => {
    const comments = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        ...review(plain, i + 1, 'eve', 'COMMENTED'),
        submitted_at: undefined,
      }));
    const onePage = await signoff(plain, { writers: ['olivia'], reviews: comments(30) });
    expect(onePage.code).toBe(2);
    expect(onePage.err).toContain('`gh api --paginate --slurp repos/OWNER/REPO/pulls/NUMBER/reviews`');
    const whole = await signoff(plain, {
      writers: ['olivia'],
      reviews: [...comments(30), review(plain, 31, 'olivia', 'APPROVED')],
    });
    expect(whole.err).toBe('');
    expect(whole.out).toContain('SUCCESS');
  });
});

describe('a reviews file the CLI cannot read', () => {
  it.each([
    [
      { events: [{ event: 'review_dismissed', actor: 'admin' }] },
      '`events[0].actor` is text (5 characters), expected an object',
    ],
    [{ events: { event: 'labeled' } }, '`events` is an object, expected a list'],
    [
      { events: [{ event: 'base_ref_changed', actor: null }] },
      '"events": GitHub listed a change of its base branch without a time',
    ],
    [
      { reviews: [{ user: 'olivia', state: null }] },
      'review 0 needs "user" and a "state" (GitHub\'s: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING)',
    ],
  ])('is refused, naming the entry: %j', async (facts, says) => {
    const result = await signoff(plain, { writers: [], reviews: [], ...facts });
    expect(result.code).toBe(2);
    expect(result.err).toContain(says);
    expect(result.out).toBe('');
  });
});
