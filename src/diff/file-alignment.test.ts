import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../core/file-source.js';
import { diffContracts } from './diff-contracts.js';

// `blueprint-review diff api/v1/openapi.yaml /tmp/new.yaml`: each side is named from its own root
// (the repository, or the file's folder), so the two roots sit in folders of different depths.
const API = (lives: string) => `openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
paths:
  /pets:
    post:
      requestBody:
        content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } }
      responses: { '204': { description: stored } }
components:
  schemas:
    Pet: { type: object, properties: { lives: { type: ${lives} } } }
`;

async function changedIds(basePath: string, headPath: string): Promise<string[]> {
  const { changes, problems } = await diffContracts(
    { source: new InMemoryFileSource({ [basePath]: API('integer') }, 'base'), path: basePath },
    { source: new InMemoryFileSource({ [headPath]: API('string') }, 'head'), path: headPath },
  );
  expect(problems).toEqual([]);
  return changes.map((c) => c.id);
}

describe('two contract files in folders of different depths', () => {
  it('compare what their references lead to (the base deeper than the head)', async () => {
    expect(await changedIds('api/v1/openapi.yaml', 'openapi.yaml')).toEqual(['request-type-changed']);
  });

  it('compare what their references lead to (the head deeper than the base)', async () => {
    expect(await changedIds('openapi.yaml', 'api/v1/openapi.yaml')).toEqual(['request-type-changed']);
  });
});
