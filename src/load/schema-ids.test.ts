/**
 * The loader reads a contract's files as the diff does: a `$ref` naming a URI that a schema of the
 * contract declares as its `$id` (OpenAPI 3.1 / JSON Schema 2020-12) leads to that schema, so it is
 * neither a URL refused nor a file missing; one nothing declares still is.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../core/file-source.js';
import { DocumentReader } from './read-document.js';
import { DEFAULT_LIMITS } from './limits.js';
import { ITEM_WITH_ID, ORDER_WITH_ID, withSchemas } from '../../test/support/openapi-doc.js';

const contract = (orderRef: string, itemRef: string) =>
  withSchemas(ORDER_WITH_ID(itemRef) + ITEM_WITH_ID('sku'), orderRef);

async function findings(files: Record<string, string>): Promise<string[]> {
  const reader = new DocumentReader(new InMemoryFileSource(files), DEFAULT_LIMITS);
  const tree = await reader.documentTree('api.yaml');
  return tree.findings.map((f) => `${f.ruleId}: ${f.message}`);
}

describe('the loader and $id', () => {
  it('reports neither a URL nor a relative ref that names a declared $id', async () => {
    expect(await findings({ 'api.yaml': contract('https://example.com/schemas/order', 'item') })).toEqual([]);
  });

  it('follows a URI another file of the contract declares', async () => {
    const api = `${contract('#/components/schemas/Order', 'https://example.com/schemas/line')}    All: { $ref: lines.yaml }\n`;
    const lines = '$id: https://example.com/schemas/line\ntype: object\n';
    expect(await findings({ 'api.yaml': api, 'lines.yaml': lines })).toEqual([]);
  });

  it('still reports a URL and a file that nothing declares', async () => {
    expect(
      await findings({ 'api.yaml': contract('https://example.com/schemas/nothing', 'items.yaml') }),
    ).toEqual([
      'schema/unsafe-path: $ref "https://example.com/schemas/nothing" is a URL; only files inside the repository are read.',
      'schema/missing-file: items.yaml does not exist in the repository.',
    ]);
  });
});
