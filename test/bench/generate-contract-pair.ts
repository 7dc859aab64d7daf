/**
 * Contract pairs that grow along one dimension, for the diff's scaling figures (`npm run bench --
 * diff-scale`): each shape is an OpenAPI 3.0 description of size `n` and a revision of it with about
 * `n` changes — the worst case for anything that works per change (locating, matching, grouping).
 * Written minified by the bench: one line, as generators often write them.
 */
type Json = Record<string, unknown>;

export interface ContractPair {
  base: Json;
  head: Json;
}

export type Shape = (n: number) => ContractPair;

const document = (paths: Json, schemas: Json = {}): Json => ({
  openapi: '3.0.3',
  info: { title: 'scale', version: '1.0.0' },
  paths,
  components: { schemas },
});

const getting = (schema: Json, parameters: Json[] = []): Json => ({
  get: {
    parameters,
    responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } },
  },
});

const pair = (make: (revised: boolean) => Json): ContractPair => ({ base: make(false), head: make(true) });

export const SHAPES: Record<string, Shape> = {
  /** One response object with n properties, every second one renamed (n changes). */
  'object properties': (n) =>
    pair((revised) => {
      const names = Array.from({ length: n }, (_, i) => `p${i}${revised && i % 2 === 1 ? 'r' : ''}`);
      const properties = Object.fromEntries(names.map((name) => [name, { type: 'string' }]));
      return document({ '/x': getting({ type: 'object', required: names, properties }) });
    }),
  /** One operation with n query parameters, all renamed (2n changes). */
  parameters: (n) =>
    pair((revised) =>
      document({
        '/x': getting(
          { type: 'string' },
          Array.from({ length: n }, (_, i) => ({
            name: `q${i}${revised ? 'r' : ''}`,
            in: 'query',
            required: i % 2 === 0,
            schema: { type: 'string' },
          })),
        ),
      }),
    ),
  /** One response with n media types, every second one changed (n changes). */
  'media types': (n) =>
    pair((revised) => {
      const content = Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `application/vnd.v${i}${revised && i % 2 === 1 ? '.r' : ''}+json`,
          { schema: { type: 'string' } },
        ]),
      );
      return document({ '/x': { get: { responses: { '200': { description: 'ok', content } } } } });
    }),
  /** n schemas: n/10 discriminator parents extended by 10 children each, one child each renamed. */
  'polymorphic schemas': (n) =>
    pair((revised) => {
      const schemas: Json = {};
      const paths: Json = {};
      for (let p = 0; p < n / 10; p++) {
        schemas[`Parent${p}`] = {
          type: 'object',
          required: ['kind'],
          properties: { kind: { type: 'string' } },
          discriminator: { propertyName: 'kind' },
        };
        for (let c = 0; c < 9; c++)
          schemas[`Parent${p}Child${c}${revised && c === 0 ? 'Renamed' : ''}`] = {
            allOf: [{ $ref: `#/components/schemas/Parent${p}` }, { type: 'object' }],
          };
        paths[`/p${p}`] = getting({ $ref: `#/components/schemas/Parent${p}` });
      }
      return document(paths, schemas);
    }),
  /** n operations, each response gaining a property (n changes). */
  operations: (n) =>
    pair((revised) =>
      document(
        Object.fromEntries(
          Array.from({ length: n }, (_, i) => [
            `/r${i}/{id}`,
            getting(
              {
                type: 'object',
                properties: { id: { type: 'string' }, ...(revised ? { added: { type: 'integer' } } : {}) },
              },
              [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            ),
          ]),
        ),
      ),
    ),
};
