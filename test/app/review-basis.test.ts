/**
 * The basis a review or sign-off check records (review-basis.ts) is a digest of the config as resolved,
 * `_extends` included: a check written under one version of an extended file (the organisation's
 * `.github`) is not reused, and does not vouch for a merge group, once that file reads otherwise.
 */
import { describe, expect, it } from 'vitest';
import { reviewBasis } from '../../src/app/review-basis.js';
import { CONFIG_PATH } from '../../src/core/config-path.js';
import type { ConfigLocation } from '../../src/load/repository-config.js';
import { readRepositoryConfig } from '../../src/load/repository-config.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';

const validator = createSchemaValidator();

/** The basis of acme/shop's config at main, given each file's text by `owner/repo:path`. */
async function basisOf(files: Record<string, string>): Promise<string> {
  const key = (at: ConfigLocation) => `${at.owner ?? 'acme'}/${at.repo ?? 'shop'}:${at.path}`;
  const loaded = await readRepositoryConfig(
    {
      read: async (at) => {
        const text = files[key(at)];
        return text === undefined ? { kind: 'missing' } : { kind: 'ok', text };
      },
      describe: key,
      inThisRepository: (at) => at.repo === undefined,
    },
    { owner: 'acme', path: CONFIG_PATH, ref: 'main' },
    validator,
  );
  expect(loaded.kind).toBe('ok');
  return reviewBasis(loaded, 'main', {});
}

const SHOP = { 'acme/shop:.github/blueprint-review.yml': '_extends: .github\nblueprints: [blueprint]\n' };
const ORG = 'acme/.github:.github/blueprint-review.yml';

describe('the basis a check records', () => {
  it('changes when a file the config extends from another repository changes', async () => {
    const before = await basisOf({ ...SHOP, [ORG]: 'rules:\n  topology/owner-required: warning\n' });
    const after = await basisOf({ ...SHOP, [ORG]: 'rules:\n  topology/owner-required: error\n' });
    expect(after).not.toBe(before);
  });

  it('stays the same when the extended file reads the same', async () => {
    const files = { ...SHOP, [ORG]: 'rules:\n  topology/owner-required: error\n' };
    expect(await basisOf(files)).toBe(await basisOf({ ...files }));
  });

  it('does not change for what the merge leaves unchanged (the repository overrides the rule)', async () => {
    const shop = {
      'acme/shop:.github/blueprint-review.yml':
        '_extends: .github\nblueprints: [blueprint]\nrules:\n  topology/owner-required: off\n',
    };
    const before = await basisOf({ ...shop, [ORG]: 'rules:\n  topology/owner-required: warning\n' });
    const after = await basisOf({ ...shop, [ORG]: 'rules:\n  topology/owner-required: error\n' });
    expect(after).toBe(before);
  });
});
