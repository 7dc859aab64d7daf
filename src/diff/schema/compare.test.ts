import { describe, expect, it, vi } from 'vitest';
import { InMemoryFileSource } from '../../core/file-source.js';
import { diffContracts } from '../diff-contracts.js';
import type * as View from './view.js';
import type { SchemaView } from './view.js';

// Every merged view the comparison builds, by the place it resolved to: a schema compared once
// is viewed once per side.
const viewed = vi.hoisted(() => [] as string[]);
vi.mock('./view.js', async (importOriginal) => {
  const original = await importOriginal<typeof View>();
  return {
    ...original,
    viewOf: (...args: Parameters<typeof original.viewOf>): SchemaView => {
      const view = original.viewOf(...args);
      viewed.push(view.place.pointer);
      return view;
    },
  };
});

const API = (idType: string) => `openapi: 3.0.3
info: {title: Items, version: 1.0.0}
paths:
${['/a', '/b', '/c']
  .map(
    (path) => `  ${path}:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}`,
  )
  .join('\n')}
components:
  schemas:
    Item:
      type: object
      properties:
        id: {type: ${idType}}
        name: {type: string}
`;

describe('schema comparison memo', () => {
  it('compares a schema shared by three operations once and reports the change once, for all three', async () => {
    viewed.length = 0;
    const result = await diffContracts(
      { source: new InMemoryFileSource({ 'api.yaml': API('integer') }, 'base'), path: 'api.yaml' },
      { source: new InMemoryFileSource({ 'api.yaml': API('string') }, 'head'), path: 'api.yaml' },
    );

    // Once per side, not once per operation.
    expect(viewed.filter((p) => p === '/components/schemas/Item')).toHaveLength(2);
    expect(viewed.filter((p) => p === '/components/schemas/Item/properties/id')).toHaveLength(2);
    // One cause, one change: the shared schema's field, listing every operation it reaches.
    expect(result.changes.map((c) => [c.id, c.operations, c.message])).toEqual([
      [
        'response-type-changed',
        ['GET /a', 'GET /b', 'GET /c'],
        'Response field `id` of schema `Item` changed type from integer to string — consumers that read it break. Fix: add a field with the new type beside the old one and deprecate the old one. Affects 3 operations: `GET /a`, `GET /b`, `GET /c`.',
      ],
    ]);
  });
});

// One component in both roles: `id` is read-only (consumers never send it), `password` write-only
// (consumers never read it). Removing both is a different change per direction, so a memo keyed
// without the direction would hand one role the other's answer, whichever was compared first.
const ROLES = (properties: string) => `openapi: 3.0.3
info: {title: Accounts, version: 1.0.0}
paths:
  /accounts:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Account'}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Account'}
  /accounts/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Account'}
components:
  schemas:
    Account:
      type: object
      properties:
        name: {type: string}
${properties}`;

describe('schema comparison memo, per role', () => {
  it('judges a component reached as a request body and as a response body each in its own role', async () => {
    const result = await diffContracts(
      {
        source: new InMemoryFileSource(
          {
            'api.yaml': ROLES(
              '        id: {type: string, readOnly: true}\n        password: {type: string, writeOnly: true}\n',
            ),
          },
          'base',
        ),
        path: 'api.yaml',
      },
      { source: new InMemoryFileSource({ 'api.yaml': ROLES('') }, 'head'), path: 'api.yaml' },
    );
    expect(result.problems).toEqual([]);
    expect(
      result.changes
        .map((c) => [c.id, c.operations, c.base?.pointer])
        .sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    ).toEqual([
      ['request-property-removed', ['POST /accounts'], '/components/schemas/Account/properties/password'],
      [
        'response-property-removed',
        ['POST /accounts', 'GET /accounts/{id}'],
        '/components/schemas/Account/properties/id',
      ],
    ]);
  });
});
