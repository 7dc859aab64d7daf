/**
 * The doors agree: the same pull request, through the app (GitHub's answers, the fake's) and through
 * `blueprint-review signoff` (a reviews file holding those very answers, as `gh api` prints them), gives
 * the same verdict, saying the same about who still has to approve and why — the check's summary and
 * the CLI's Markdown are one text. Each row is a case the two doors could read differently.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Harness } from './support/signoff-app.js';
import {
  approve,
  dismiss,
  harness,
  reviewEvent,
  shownOnHead,
  TEAMS,
  useSignoffApp,
} from './support/signoff-app.js';
import { ADD_FIELD, BASE_FILES, edit } from './fixtures.js';
import { CONFIG_PATH } from '../../src/core/config-path.js';
import { tokenOctokit } from '../app/support/unthrottled-octokit.js';
import { account } from '../app/support/accounts.js';

useSignoffApp();
const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

/** GitHub's answer to `gh api <route>`, from the fake the app read. */
async function ghApi(route: string): Promise<unknown> {
  const { data } = await tokenOctokit().request(`GET ${route}`);
  return data;
}

/**
 * The reviews file a user writes for #7 from GitHub: its reviews, commits and issue events as GitHub
 * answers them, the author as its pusher (the app knows it from the `opened` delivery), and the
 * writers GitHub's permission answers name.
 */
async function reviewsFileOf(h: Harness, writers: readonly string[]): Promise<Record<string, unknown>> {
  return {
    author: h.gh.pull(7).author,
    labels: h.gh.pull(7).labels,
    pushers: [h.gh.pull(7).author],
    writers,
    commits: await ghApi('/repos/acme/shop/pulls/7/commits'),
    reviews: await ghApi('/repos/acme/shop/pulls/7/reviews'),
    events: await ghApi('/repos/acme/shop/issues/7/events'),
  };
}

/** The CLI's Markdown for the harness's head against `main`, from `facts`. */
async function cliSays(h: Harness, facts: Record<string, unknown>): Promise<{ code: number; out: string }> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'signoff-doors-agree-'));
  cleanup.push(() => rmSync(scratch, { recursive: true, force: true }));
  const reviews = path.join(scratch, 'reviews.json');
  const teams = path.join(scratch, 'teams.json');
  writeFileSync(reviews, JSON.stringify(facts));
  writeFileSync(
    teams,
    JSON.stringify(
      Object.fromEntries(Object.entries(TEAMS).map(([slug, members]) => [`acme/${slug}`, members])),
    ),
  );
  let out = '';
  let err = '';
  const code = await main(
    [
      'signoff',
      ...['--base', 'main', '--head', h.headSha, '--reviews', reviews, '--teams', teams],
      ...['--org', 'acme', '--format', 'markdown', h.gh.repo.dir],
    ],
    { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: h.gh.repo.dir, isTTY: false },
  );
  expect(err).toBe('');
  return { code, out };
}

/** The app's sign-off check on the head: its conclusion, and its summary without the hidden basis line. */
function appSays(h: Harness): { conclusion: string | null | undefined; summary: string } {
  const run = shownOnHead(h);
  return {
    conclusion: run?.conclusion,
    summary: (run?.output?.summary ?? '').replace(/^<!--[^\n]*-->\n/, ''),
  };
}

/** Only a label's rule: without the label, nothing needs sign-off. */
const PCI_CONFIG = `signoff:
  rules:
    - id: pci-needs-security
      when: { labels: [pci] }
      require: { teams: [acme/security] }
`;

/** GitHub's `unlabeled` event of `pci`, by `login`. */
function unlabeled(login: string): Record<string, unknown> {
  return {
    event: 'unlabeled',
    actor: account(login),
    label: { name: 'pci', color: 'ff0000' },
    created_at: '2025-01-01T10:05:00Z',
  };
}

interface Row {
  name: string;
  /** The base branch's config, in the repository and as GitHub serves it (default: `signoff: {}`). */
  config?: string;
  /** What happens on GitHub before the delivery the app evaluates on. */
  act(h: Harness): void;
  /** The conclusion both doors reach. */
  conclusion: string;
  /** What both say, besides. */
  says?: string;
}

const rows: Row[] = [
  {
    name: 'an approval of the contract owner',
    act: (h) => approve(h, 'olivia', 1),
    conclusion: 'success',
  },
  {
    name: 'an approval an admin dismissed: it counts for nothing',
    act: (h) => {
      approve(h, 'olivia', 1);
      dismiss(h, 1, 'admin');
    },
    conclusion: 'action_required',
    says: 'Still needs: 1 approval from `@acme/orders`',
  },
  {
    name: 'an approval, then another of the same person that an admin dismissed: the latest counts',
    act: (h) => {
      approve(h, 'olivia', 1);
      approve(h, 'olivia', 2);
      dismiss(h, 2, 'admin');
    },
    conclusion: 'action_required',
    says: 'Still needs: 1 approval from `@acme/orders`',
  },
  {
    name: 'a change request an admin dismissed no longer blocks',
    act: (h) => {
      approve(h, 'oscar', 1, 'CHANGES_REQUESTED');
      dismiss(h, 1, 'admin');
      approve(h, 'olivia', 2);
    },
    conclusion: 'success',
  },
  {
    name: 'a change request the author dismissed still blocks',
    act: (h) => {
      approve(h, 'oscar', 1, 'CHANGES_REQUESTED');
      dismiss(h, 1, 'mallory');
      approve(h, 'olivia', 2);
    },
    conclusion: 'failure',
    says: '`@mallory` dismissed it, and is the author of this pull request',
  },
  {
    name: 'an approval dismissed by an account deleted since (GitHub names no actor): it counts for nothing',
    act: (h) => {
      approve(h, 'olivia', 1);
      dismiss(h, 1, 'admin');
      h.gh.pull(7).events.at(-1)!.actor = null;
    },
    conclusion: 'action_required',
    says: 'Still needs: 1 approval from `@acme/orders`',
  },
  {
    name: 'a state GitHub may add, unknown to the gate, on the latest review of an approver: it blocks, naming it',
    act: (h) => {
      approve(h, 'olivia', 1);
      approve(h, 'olivia', 2, 'ESCALATED');
    },
    conclusion: 'failure',
    says: 'has the state `ESCALATED`, which this version of blueprint-review does not know (it may request changes)',
  },
  {
    name: "a reviewer's pending draft counts for nothing",
    act: (h) => approve(h, 'olivia', 1, 'PENDING'),
    conclusion: 'action_required',
    says: 'Still needs: 1 approval from `@acme/orders`',
  },
  {
    name: 'an approval given before the base branch was changed does not count',
    act: (h) => {
      approve(h, 'olivia', 1);
      h.gh.pull(7).events.push({
        event: 'base_ref_changed',
        actor: account('mallory'),
        created_at: '2025-01-01T10:05:00Z',
      });
    },
    conclusion: 'action_required',
    says: "before the pull request's base branch was changed (2025-01-01T10:05:00Z)",
  },
  {
    name: 'a label its rule names, taken off by the author, still stands',
    config: PCI_CONFIG,
    act: (h) => h.gh.pull(7).events.push(unlabeled('mallory')),
    conclusion: 'action_required',
    says: 'Label pci still applies: `@mallory` took it off',
  },
  {
    name: 'a label its rule names, taken off by a maintainer, is off',
    config: PCI_CONFIG,
    act: (h) => h.gh.pull(7).events.push(unlabeled('ada')),
    conclusion: 'success',
  },
];

describe('the app and the CLI give one verdict on the same facts', () => {
  it.each(rows)(
    '$name',
    async (row) => {
      const base = { ...BASE_FILES, ...(row.config ? { [CONFIG_PATH]: row.config } : {}) };
      const h = await harness(row.config ? { config: row.config } : {}, {
        base,
        head: edit(base, 'blueprint/contracts/orders.yaml', [ADD_FIELD]),
      });
      row.act(h);
      await h.deliver('pull_request_review', reviewEvent(h, 'eve', 'commented'));
      await h.idle();
      const app = appSays(h);
      const cli = await cliSays(
        h,
        await reviewsFileOf(h, ['olivia', 'oscar', 'sam', 'ada', 'alan', 'bill', 'ivy']),
      );
      expect(app.conclusion).toBe(row.conclusion);
      expect(cli.out).toBe(app.summary);
      expect(cli.code).toBe(row.conclusion === 'success' ? 0 : 1);
      if (row.says) expect(cli.out.replace(/\n\s*/g, ' ')).toContain(row.says);
    },
    30_000,
  );
});
