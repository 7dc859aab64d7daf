/**
 * DESIGN invariant 13 for the messages that say a blueprint or a contract does not load: they name
 * a folder or a file path the repository chose, and a path can hold spaces, `@team`, `[x]` and ✅.
 * Shown bare, `docs/@acme/team [x] ✅` reads as the message's own words (a ticked box, a mention
 * the renderer had to defuse word by word); each path is one code span, whole, in every surface:
 * the message itself (JSON), its Markdown (check summary, review) and its terminal text.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { markdownMessage, plainText } from '../../src/core/inert-text.js';
import { reviewPullRequest } from '../../src/review/review-pull-request.js';
import { renderSummaryMarkdown, renderDecisionText } from '../../src/signoff/render.js';
import { ORDERS_API, RULE_SET, shopFiles } from '../app/support/shop.js';
import type { Files } from '../app/support/shop.js';
import { BASE_FILES, runScenario } from '../signoff/fixtures.js';
import { changedFilesBetween } from '../support/review-fixture.js';
import { repoWith, runCli } from '../support/run-cli.js';
import { spansOf } from '../support/poison.js';

/** A folder git allows: a team mention, a ticked box and the gate's own check mark. */
const FOLDER = 'docs/@acme/team [x] ✅';
const CONTRACT = `${FOLDER}/contracts/@acme [x] ✅ orders.openapi.yaml`;
const BROKEN = 'apiVersion: [unclosed\n';

/** The message shows `path` (maybe followed by `:line`) inside one code span, and none of it outside. */
function expectPathInSpan(markdown: string, path: string, where: string): void {
  const { code, outside } = spansOf(markdown);
  expect(
    code.some((c) => c === path || c.startsWith(`${path}:`)),
    `${where}: ${markdown}`,
  ).toBe(true);
  for (const piece of ['@acme', '[x]', '✅']) expect(outside, `${where}: ${markdown}`).not.toContain(piece);
}

/** The shop example moved into `FOLDER`, its orders contract renamed to `CONTRACT`. */
function hostileShop(): Files {
  const moved: Files = {};
  for (const [path, text] of Object.entries(shopFiles())) {
    const to = path === ORDERS_API ? CONTRACT : path.replace(/^blueprint\//, `${FOLDER}/`);
    moved[to] = text.replace('contracts/orders.openapi.yaml', CONTRACT.slice(FOLDER.length + 1));
  }
  return moved;
}

async function review(base: Files, head: Files) {
  return reviewPullRequest({
    base: new InMemoryFileSource(base, 'base'),
    head: new InMemoryFileSource(head, 'head'),
    changedFiles: changedFilesBetween(base, head),
    config: {},
    ruleSet: RULE_SET,
  });
}

describe('a path in a "does not load" message is one code span', () => {
  it('sign-off: a blueprint folder that does not load at the head, and the file that fails', async () => {
    const head = { ...BASE_FILES, [`${FOLDER}/blueprint.yaml`]: BROKEN };
    const { decision } = await runScenario({ head });
    const problem = decision.problems.find((p) => p.includes('does not load at the head'));
    expect(problem).toBeDefined();
    expectPathInSpan(problem!, FOLDER, 'problem');
    expectPathInSpan(problem!, `${FOLDER}/blueprint.yaml`, 'problem (file)');
    expectPathInSpan(markdownMessage(problem!), FOLDER, 'summary problem');
    const summary = renderSummaryMarkdown(decision);
    const line = summary.split('\n').find((l) => l.includes('does not load at the head'))!;
    expectPathInSpan(line, FOLDER, 'summary');
    expect(renderDecisionText(decision)).toContain(plainText(problem!));
  });

  it('review: a blueprint folder that does not load on the base branch', async () => {
    const head = hostileShop();
    const base = { ...head, [`${FOLDER}/blueprint.yaml`]: BROKEN };
    const { newFindings } = await review(base, head);
    const finding = newFindings.find((f) => f.message.includes('does not load on the base branch'));
    expect(finding).toBeDefined();
    expectPathInSpan(finding!.message, FOLDER, 'finding');
    expectPathInSpan(finding!.message, `${FOLDER}/blueprint.yaml`, 'finding (file)');
    expectPathInSpan(markdownMessage(finding!.message), FOLDER, 'finding markdown');
  });

  it('review: a changed contract the head does not load', async () => {
    const base = hostileShop();
    const head = { ...base, [CONTRACT]: 'openapi: 3.1.0\ninfo: {title: [unclosed\n' };
    const { contracts } = await review(base, head);
    const orders = contracts.find((c) => c.file === CONTRACT);
    expect(orders?.problems).toHaveLength(1);
    expectPathInSpan(orders!.problems[0]!, CONTRACT, 'problem');
    expectPathInSpan(markdownMessage(orders!.problems[0]!), CONTRACT, 'problem markdown');
  });

  it('doc: a blueprint folder that does not load is named with its controls visible', async () => {
    const root = repoWith({ 'x\u001b[2J\u009bq/blueprint.yaml': BROKEN }, 'bpr-unloadable-');
    const result = await runCli(['doc', '.', '--out', 'out'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('x\\x1b[2J\\x9bq: the blueprint does not load');
    // eslint-disable-next-line no-control-regex
    expect(result.stderr).not.toMatch(/[\u001b\u009b]/);
  });
});
