/**
 * Another spelling of an owned path is another path: git and GitHub compare paths byte for byte, so a
 * folder renamed only in case, or a contract moved to the NFD spelling of its name, is a move — the
 * owned contract's owners still decide (gate12, attempt 1: held; pinned here).
 */
import { describe, expect, it } from 'vitest';
import { ADD_FIELD, BASE_FILES, edit, HEAD, review, runScenario } from './fixtures.js';
import type { Files } from './fixtures.js';

const CONTRACT = 'blueprint/contracts/orders.yaml';
/** Every approval but the contract owner's (acme/orders): the topology, security and consumer teams. */
const OTHERS = {
  reviews: [
    review('ivy', 'APPROVED', HEAD, 1),
    review('sam', 'APPROVED', HEAD, 2),
    review('bill', 'APPROVED', HEAD, 3),
  ],
  facts: { writers: ['ivy', 'sam', 'bill', 'olivia'] },
};

function renamed(files: Files, from: string, to: string): Files {
  return Object.fromEntries(
    Object.entries(files).map(([path, text]) => [
      path.startsWith(from) ? to + path.slice(from.length) : path,
      text,
    ]),
  );
}

describe('an owned contract under another spelling of its path', () => {
  it('a blueprint folder renamed only in case removes what the base owns: its owners are asked', async () => {
    const head = renamed(edit(BASE_FILES, CONTRACT, [ADD_FIELD]), 'blueprint/', 'Blueprint/');
    const { decision, changes } = await runScenario({ head, ...OTHERS });
    expect(decision.state).not.toBe('success');
    expect(changes.changes.map((c) => c.key)).toContain('contract:blueprint#orders-api');
    expect(changes.changes.find((c) => c.key === 'contract:blueprint#orders-api')!.categories).toContain(
      'removal',
    );
  });

  it('a contract moved to the NFD spelling of its file name still needs its owner', async () => {
    const nfd = 'blueprint/contracts/orde\u0301rs.yaml';
    const head = renamed(
      edit(
        edit(BASE_FILES, 'blueprint/blueprint.yaml', [
          ['file: contracts/orders.yaml', 'file: contracts/orde\u0301rs.yaml'],
        ]),
        CONTRACT,
        [ADD_FIELD],
      ),
      CONTRACT,
      nfd,
    );
    const { decision } = await runScenario({ head, ...OTHERS });
    expect(decision.state).toBe('action_required');
    expect(decision.rules.find((r) => r.ruleId === 'contract-owner')).toMatchObject({ satisfied: false });
  });
});
