/**
 * An operation's detail is read part by part: what asks every operation for one part (the head's
 * media types, read when a type is removed: media-types-gone.ts) must not pay for the others. Seen
 * through the `$ref`s the reading follows: a part not asked for follows none of its own.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../core/file-source.js';
import { resolveExtensions } from '../extensions.js';
import { createParseCache, readContractTree } from '../load.js';
import type { ContractTree } from '../load.js';
import { readOpenApi } from './model.js';

const API = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /orders/{id}:
    parameters:
      - $ref: '#/components/parameters/Id'
    get:
      parameters:
        - $ref: '#/components/parameters/Limit'
      security:
        - key: []
      requestBody:
        $ref: '#/components/requestBodies/Filter'
      responses:
        '200':
          $ref: '#/components/responses/Order'
        '204': { description: none }
        '400':
          description: a form back
          content:
            multipart/form-data:
              encoding:
                file: { headers: { X-Part: { $ref: '#/components/headers/Part' } } }
            text/plain; charset=utf-8: {}
        default: not an object
components:
  headers:
    Part: { schema: { type: string } }
  parameters:
    Id: { name: id, in: path, required: true, schema: { type: string } }
    Limit: { name: limit, in: query, schema: { type: integer } }
  requestBodies:
    Filter:
      content:
        application/json: { schema: { type: object } }
  responses:
    Order:
      description: an order
      content:
        application/xml: { schema: { type: object } }
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
`;

/** The tree of the document, with every `$ref` its scope resolves recorded. */
async function readTree(): Promise<{ tree: ContractTree; followed: string[] }> {
  const source = new InMemoryFileSource({ 'api.yaml': API }, 'head');
  const { tree } = await readContractTree('head', { source, path: 'api.yaml' }, createParseCache());
  const followed: string[] = [];
  const resolve = tree!.scope.resolve;
  tree!.scope.resolve = (file, ref, at) => {
    followed.push(ref);
    return resolve(file, ref, at);
  };
  return { tree: tree!, followed };
}

describe("an operation's detail", () => {
  it('reads its responses and body without reading its parameters', async () => {
    const { tree, followed } = await readTree();
    const op = readOpenApi(tree, resolveExtensions()).operations.get('GET /orders/{id}')!;
    const detail = op.detail();
    expect([...detail.responses.get('200')!.content.keys()]).toEqual(['application/xml']);
    expect([...detail.requestBody!.content.keys()]).toEqual(['application/json']);
    expect(followed).toEqual(['#/components/responses/Order', '#/components/requestBodies/Filter']);
  });

  it('lists its media types as written, reading no view of them (a part header is not followed)', async () => {
    const { tree, followed } = await readTree();
    const detail = readOpenApi(tree, resolveExtensions()).operations.get('GET /orders/{id}')!.detail();
    const written = {
      request: detail.mediaTypes('request'),
      response: detail.mediaTypes('response'),
    };
    expect(written).toEqual({
      request: ['application/json'],
      response: ['application/xml', 'multipart/form-data', 'text/plain; charset=utf-8'],
    });
    expect(followed).toEqual(['#/components/requestBodies/Filter', '#/components/responses/Order']);
    // The views, once read, say the same.
    expect([...detail.responses.values()].flatMap((r) => [...r.content.keys()])).toEqual(written.response);
    expect(detail.mediaTypes('response')).toEqual(written.response);
    expect(followed).toContain('#/components/headers/Part');
  });

  it('reads its parameters, the path item’s with them, when they are asked for', async () => {
    const { tree, followed } = await readTree();
    const detail = readOpenApi(tree, resolveExtensions()).operations.get('GET /orders/{id}')!.detail();
    expect(detail.parameters.map((p) => p.name)).toEqual(['id', 'limit']);
    expect(followed).toEqual(['#/components/parameters/Id', '#/components/parameters/Limit']);
    expect([...detail.security!.value[0]!.keys()]).toEqual(['key']);
  });
});
