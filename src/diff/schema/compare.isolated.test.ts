import { describe, expect, it, vi } from 'vitest';
import type * as View from './view.js';
import type { SchemaView } from './view.js';
import { diffTexts } from '../../../test/support/diff-pair.js';

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
    const result = await diffTexts(API('integer'), API('string'));

    // Once per side, not once per operation.
    expect(viewed.filter((p) => p === '/components/schemas/Item')).toHaveLength(2);
    expect(viewed.filter((p) => p === '/components/schemas/Item/properties/id')).toHaveLength(2);
    // One cause, one change: the shared schema's field, listing every operation it reaches.
    expect(result.changes.map((c) => [c.id, c.operations, c.message])).toEqual([
      [
        'response-type-changed',
        ['GET /a', 'GET /b', 'GET /c'],
        'Response field `id` of schema `Item` changed type from integer to string — consumers that read it break. Fix: keep the old type where it is and carry the new one under a new name beside it (a new field, parameter or header, or a new message version), then deprecate the old one. Affects 3 operations: `GET /a`, `GET /b`, `GET /c`.',
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
    const result = await diffTexts(
      ROLES(
        '        id: {type: string, readOnly: true}\n        password: {type: string, writeOnly: true}\n',
      ),
      ROLES(''),
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

/**
 * Component `S<i>` combines `S<i-1>` twice (`allOf`) and offers it twice more as a choice: the
 * number of field paths from `S<depth>` down to `S0.a` multiplies at every level. The one cause
 * (`S0.a` changed type) must stay one delta per memoised comparison, not one per path.
 */
function fanOut(depth: number, aType: string): string {
  const ref = (i: number) => ({ $ref: `#/components/schemas/S${i}` });
  const schemas: Record<string, unknown> = {
    S0: { type: 'object', properties: { a: { type: aType } } },
  };
  for (let i = 1; i <= depth; i++)
    schemas[`S${i}`] = {
      allOf: [ref(i - 1), ref(i - 1)],
      properties: { [`p${i}`]: { oneOf: [ref(i - 1), ref(i - 1), { type: 'null' }] } },
    };
  const body = { content: { 'application/json': { schema: ref(depth) } } };
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Fan-out', version: '1.0.0' },
    paths: {
      '/x': {
        get: { responses: { '200': { description: 'ok', ...body } } },
        post: { requestBody: body, responses: { '204': { description: 'done' } } },
      },
    },
    components: { schemas },
  });
}

const TWO_PATHS = (paths: string, aType: string) => `openapi: 3.0.3
info: {title: Pairs, version: 1.0.0}
paths:
  /p:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
${paths}
components:
  schemas:
    A:
      type: object
      properties:
        a: {type: ${aType}}
`;

describe('schema comparison memo, many paths to one cause', () => {
  const diffOf = (base: string, head: string, file = 'api.yaml') => diffTexts(base, head, {}, file);

  it('reports a change reached along exponentially many field paths once per direction, without walking every path', async () => {
    // 28 levels: ~6^28 paths to S0.a; walking them would never finish.
    const result = await diffOf(fanOut(28, 'string'), fanOut(28, 'integer'), 'api.json');
    expect(result.problems).toEqual([]);
    expect(result.changes.map((c) => [c.id, c.operations, c.head?.pointer])).toEqual([
      ['request-type-changed', ['POST /x'], '/components/schemas/S0/properties/a/type'],
      ['response-type-changed', ['GET /x'], '/components/schemas/S0/properties/a/type'],
    ]);
    // Reached along many paths within one operation: named by its schema, not by one of the paths.
    for (const change of result.changes) expect(change.message).toContain('field `a` of schema `S0`');
  });

  it('names one path when there is one, and the shared schema when one operation reaches it twice', async () => {
    const once = await diffOf(
      TWO_PATHS("                  x: {$ref: '#/components/schemas/A'}", 'string'),
      TWO_PATHS("                  x: {$ref: '#/components/schemas/A'}", 'integer'),
    );
    expect(once.changes.map((c) => c.message.split(' changed type')[0])).toEqual([
      'Response field `x.a` of `GET /p` (200)',
    ]);
    const twice = (aType: string) =>
      TWO_PATHS(
        "                  x: {$ref: '#/components/schemas/A'}\n                  y: {$ref: '#/components/schemas/A'}",
        aType,
      );
    const shared = await diffOf(twice('string'), twice('integer'));
    expect(shared.changes.map((c) => c.message.split(' changed type')[0])).toEqual([
      'Response field `a` of schema `A`',
    ]);
  });
});
