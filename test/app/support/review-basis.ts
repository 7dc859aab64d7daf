/**
 * The first line the app writes in a review check's summary: the basis (the base's config as read) its
 * verdict was computed under. A test that gives GitHub a completed review run the app is to take as
 * still standing writes it there, as the app would have.
 */
import { reviewBasis } from '../../../src/app/review-basis.js';
import { CONFIG_PATH } from '../../../src/core/config-path.js';
import { readRepositoryConfig } from '../../../src/load/repository-config.js';
import { createSchemaValidator } from '../../../src/load/schema-validation.js';
import { basisMarker } from '../../../src/review/markers.js';

/** The basis line for a base whose config file reads `config` (undefined: none); no `_extends`. */
export async function basisLine(config: string | undefined, base = 'main'): Promise<string> {
  const loaded = await readRepositoryConfig(
    {
      read: async () => (config === undefined ? { kind: 'missing' } : { kind: 'ok', text: config }),
      describe: (at) => `acme/shop:${at.path}@${at.ref}`,
      inThisRepository: () => true,
    },
    { owner: 'acme', repo: 'shop', path: CONFIG_PATH, ref: base },
    createSchemaValidator(),
  );
  return basisMarker(reviewBasis(loaded, base, {}));
}
