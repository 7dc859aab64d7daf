/**
 * `--format github` as the Actions runner takes it (test/support/actions-runner.ts): what it makes
 * annotations of is the first ten commands of a level, each message cut at 4,096 characters
 * (actions/runner `_maxIssueMessageLength`, after the escapes are undone). Why a run fails must be
 * among them, and a message cut must say that it was, whatever the repository's text spells.
 */
import { describe, expect, it } from 'vitest';
import { repoWith, runCli } from '../support/run-cli.js';
import { runnerCommand } from '../support/actions-runner.js';
import { HEADER, withContracts } from '../../rules/examples.js';

/** What the runner keeps of an annotation's message. */
const RUNNER_MESSAGE_LIMIT = 4096;

const commandsOf = (stdout: string) =>
  stdout
    .split('\n')
    .map(runnerCommand)
    .filter((c) => c !== undefined);

const BASE = `openapi: 3.1.0
info: { title: t, version: 1.0.0 }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { x: { type: string } } }
`;

describe('diff --format github', () => {
  it('annotates why the contracts could not be compared, not only the changes it found', async () => {
    const root = repoWith({
      'base.yaml': BASE,
      'head.yaml': BASE.replace(
        '{ type: object, properties: { x: { type: string } } }',
        '{ $ref: "#/components/schemas/Missing" }',
      ),
      'broken.yaml': 'openapi: [3.1.0\n',
    });
    for (const [head, says] of [
      ['head.yaml', /^head\.yaml:11: \$ref "#\/components\/schemas\/Missing" .* cannot be resolved/],
      ['broken.yaml', /^broken\.yaml:1: Does not parse \(head\)/],
    ] as const) {
      const result = await runCli(['diff', 'base.yaml', head, '--format', 'github'], root);
      expect(result.code).toBe(2);
      const errors = commandsOf(result.stdout).filter((c) => c.command === 'error');
      expect(errors.map((e) => e.data)).toContainEqual(expect.stringMatching(says));
    }
  }, 60_000);
});

describe('lint --format github', () => {
  it('cuts a message where the runner would, after its escapes are shown, and says so', async () => {
    // A source system named with 3,000 zero-width spaces: each is shown as `\u200b`, six characters.
    const hidden = `webshop${'\u200b'.repeat(3000)}`;
    const blueprint = `${HEADER}flows:
  - { id: place-order, from: "${hidden}", to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api, operation: createOrder } }
`;
    const root = repoWith(
      Object.fromEntries(Object.entries(withContracts(blueprint)).map(([k, v]) => [`bp/${k}`, v])),
    );
    const result = await runCli(['lint', 'bp', '--format', 'github'], root);
    const messages = commandsOf(result.stdout).map((c) => c.data);
    const quoting = messages.filter((m) => m.includes('webshop\\u200b'));
    expect(quoting.length).toBeGreaterThan(0);
    for (const message of quoting) {
      expect(message.length).toBeLessThanOrEqual(RUNNER_MESSAGE_LIMIT);
      expect(message).toMatch(/… \(\d+ more characters\)$/);
    }
  }, 60_000);
});
