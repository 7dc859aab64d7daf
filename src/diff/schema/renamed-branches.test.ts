import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';
import { lineIn } from '../load.js';

// A `oneOf` branch renamed and changed at once (test/fixtures/diff-groups/branch*-renamed-*): the
// renamed schema is new in the head, all of it in the pull request's diff, so what changed in it is
// placed where it is now written, not at the `$ref` that names it.
const DIR = path.resolve(import.meta.dirname, '../../../test/fixtures/diff-groups');
const read = (name: string) => readFileSync(path.join(DIR, name), 'utf8');

async function headOf(group: string, id: string) {
  const revision = read(`${group}_revision.yaml`);
  const { changes, problems, documents } = await diffTexts(read(`${group}_base.yaml`), revision);
  expect(problems).toEqual([]);
  const change = changes.find((c) => c.id === id);
  const head = change?.head && lineIn(documents.head.get(change.head.file), change.head.pointer);
  return {
    change,
    head,
    lineOf: (text: string) => revision.split('\n').findIndex((l) => l.includes(text)) + 1,
  };
}

describe('a oneOf branch renamed and changed', () => {
  it('with its discriminator mapping following it: the change at the property, named through the rename', async () => {
    const { change, head, lineOf } = await headOf(
      'branch-renamed-mapped-type-narrowed',
      'request-type-narrowed',
    );
    expect(change?.message).toContain('`<Cat→Feline>.weight`');
    expect(head).toBe(lineOf('weight: { type: integer }'));
  });

  it('told apart by the value it fixes: the change at the property of the renamed schema', async () => {
    const { change, head, lineOf } = await headOf(
      'branches-renamed-tagged-type-changed',
      'request-type-changed',
    );
    expect(change?.message).toContain('`<Dog→Canine>.barks`');
    expect(head).toBe(lineOf('barks: { type: string }'));
  });

  it('that only lost a property: the removal at the renamed schema, not its `$ref`', async () => {
    const { change } = await headOf('branch-renamed-mapped-property-removed', 'request-property-removed');
    expect(change?.head?.pointer).toMatch(/^\/components\/schemas\/Feline/);
  });

  it('renamed where it stands, told apart by nothing it fixes: still that branch, changed', async () => {
    const { change } = await headOf('branches-renamed-in-place-property-removed', 'request-property-removed');
    expect(change?.message).toContain('`<Cat→Feline>.lives`');
    expect(change?.head?.pointer).toBe('/components/schemas/Feline');
  });
});
