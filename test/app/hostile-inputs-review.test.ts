/**
 * Repository text that would make a review never finish is a lost review. A pull request that adds a
 * catastrophic `pattern` (`^(a+)+$`) with examples and defaults that trigger it (an OpenAPI request
 * field, an AsyncAPI payload), a `$ref` cycle through two files, a YAML alias bomb (in an ADR's front
 * matter), and — in a pull request of its own, since a policy that does not parse stops the load
 * before the contracts — values nested 50,000 deep: reviewed through the app, each check completes,
 * failing, and names what could not be read; the contracts are still diffed. Patterns run in RE2 (load/untrusted-ajv.ts), aliases
 * and depth are bounded at parse (limits.maxAliasCount, 128 levels), `$ref`s resolve once each; the
 * job budget (job-budget.test.ts) is the net under anything these miss.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckBody } from './support/app-harness.js';
import { expectBlueprintReview, harness, pullRequestEvent } from './support/app-harness.js';
import { ORDER_EVENTS, ORDERS_API, shopFiles } from './support/shop.js';
import type { Files } from './support/shop.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** 46 `a`s and a `!`: V8's backtracking engine takes years to refuse it for `^(a+)+$`. */
const EVIL = `'${'a'.repeat(46)}!'`;
const ADR = 'blueprint/adr/0001-shop-integration-patterns.md';
const POLICIES = 'blueprint/policies/error-handling.yaml';

function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`"${from}" not found`);
  return text.replace(from, () => to);
}

/** Nine aliases of nine aliases, nine levels deep: 9^9 strings once expanded. */
function aliasBomb(): string {
  const lines = ['x-bomb:', '  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++)
    lines.push(
      `  - &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(', ')}]`,
    );
  return lines.join('\n');
}

/** Catastrophic patterns with values that trigger them, a `$ref` cycle through files, an alias bomb. */
function unboundedToRun(base: Files): Files {
  const head = { ...base };
  head[ORDERS_API] = replaced(
    replaced(
      base[ORDERS_API]!,
      '                sku: { type: string }',
      `                sku: { type: string, pattern: '^(a+)+$', example: ${EVIL}, default: ${EVIL} }`,
    ),
    '                quantity: { type: integer, minimum: 1 }',
    "                quantity: { $ref: './cycle-a.yaml#/A' }",
  );
  head['blueprint/contracts/cycle-a.yaml'] =
    "A:\n  type: object\n  properties:\n    b: { $ref: './cycle-b.yaml#/B' }\n";
  head['blueprint/contracts/cycle-b.yaml'] =
    "B:\n  type: object\n  properties:\n    a: { $ref: './cycle-a.yaml#/A' }\n";
  head[ORDER_EVENTS] = replaced(
    base[ORDER_EVENTS]!,
    '          orderId: { type: string }',
    `          orderId: { type: string, pattern: '^(a+)+$', examples: [${EVIL}], default: ${EVIL} }`,
  );
  head[ADR] = replaced(base[ADR]!, 'status: accepted\n', `status: accepted\n${aliasBomb()}\n`);
  return head;
}

/** A policy file whose values nest 50,000 deep: a recursive reader's stack overflow. */
function nestedTooDeep(base: Files): Files {
  return { ...base, [POLICIES]: `${base[POLICIES]}x-deep: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n` };
}

describe('a pull request of inputs that take unbounded time or memory to read', () => {
  it.each([
    [
      'catastrophic patterns, a $ref cycle and an alias bomb',
      unboundedToRun,
      /maxAliasCount[\s\S]*cycle-a\.yaml[\s\S]*now must match/,
    ],
    ['values nested 50,000 deep', nestedTooDeep, /nested more than 128 levels/],
  ])(
    '%s: reviewed to the end, the check fails and says what it could not read',
    async (_what, head, says) => {
      const base = shopFiles();
      const h = await harness(base, head(base));
      await expectBlueprintReview(h);
      h.gh.threads().listReviews().createReview().updateCheck();
      await h.deliver('pull_request', pullRequestEvent(h.repo));
      await h.idle();
      const completed = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as CheckBody;
      expect(completed).toMatchObject({ status: 'completed', conclusion: 'failure' });
      expect(completed.output!.summary).toMatch(says);
      h.done();
    },
    60_000,
  );
});
