/**
 * The CLI stops on an invalid configuration with one line per problem, and each problem quotes what
 * the repository's config file says — a rule name, an `_extends` target — which YAML lets hold line
 * breaks. A line break there must not start a line of its own in the CLI's output: it would read as
 * the CLI's own words (`All checks passed`) or, in a CI log, as a workflow command.
 */
import { describe, expect, it } from 'vitest';
import { repoWith, runCli } from '../support/run-cli.js';

const BLUEPRINT = `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: shop, owner: acme/shop }
`;

const FORGED = 'Forged: all checks passed';

/** Config files whose problems quote text holding a line break (written as YAML escapes). */
const CONFIGS: Record<string, string> = {
  'an unknown rule': `rules: { "x\\n${FORGED}\\u2028${FORGED}\\r${FORGED}": off }\n`,
  'an _extends target': `_extends: "x\\n${FORGED}\\u0085${FORGED}"\n`,
};

const COMMANDS = [
  ['lint', '.'],
  ['init', '.', '--dry-run'],
];

describe('an invalid configuration the CLI refuses', () => {
  for (const [what, config] of Object.entries(CONFIGS))
    for (const args of COMMANDS)
      it(`is one line per problem in ${args[0]}, whatever ${what} holds`, async () => {
        const root = repoWith({
          'blueprint/blueprint.yaml': BLUEPRINT,
          '.github/blueprint-review.yml': config,
        });
        const result = await runCli(args, root);
        expect(result.code).toBe(2);
        const lines = result.stderr.trimEnd().split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/);
        expect(lines[0]).toBe(`blueprint-review ${args[0]}: Invalid configuration:`);
        expect(lines.length).toBe(2);
        expect(lines[1]).toMatch(/^ {2}\S/);
        expect(lines[1]).toContain(FORGED);
      });
});
