/**
 * How a removed status compared with the response now answering for it is said (the pair
 * test/fixtures/diff-groups/status-given-way-to-default_*.yaml): as what its readers now get, the
 * response's own change in a sentence of its own, a field's or a header's with the status in
 * parentheses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

const DIR = path.resolve(import.meta.dirname, '../../../test/fixtures/diff-groups');
const read = (side: string) =>
  readFileSync(path.join(DIR, `status-given-way-to-default_${side}.yaml`), 'utf8');

async function messages(id: string) {
  const result = await diffTexts(read('base'), read('revision'), { today: '2030-01-01' });
  return result.changes.filter((c) => c.id === id).map((c) => c.message.replace(/\n\s+/g, ' '));
}

describe('a status given way to `default`', () => {
  it('says what the readers of the removed status now get from `default`', async () => {
    expect(await messages('response-media-type-added')).toEqual([
      'Readers of response 410 of `GET /things/{id}/bare` now get `default`, which now also offers application/json.',
    ]);
  });

  it('says a field or header of it with the status, now answered by `default`, in parentheses', async () => {
    const [field] = await messages('response-required-property-removed');
    const [header] = await messages('response-required-header-removed');
    expect(field).toMatch(
      /^Response field `thingId` of `GET \/things\/\{id\}` \(404, now answered by `default`\) was removed/,
    );
    expect(header).toMatch(
      /^Response header `X-Request-Id` of `GET \/things\/\{id\}` \(404, now answered by `default`\) was removed/,
    );
  });
});
