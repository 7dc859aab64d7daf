/**
 * OpenAPI documents for the diff's tests, as YAML text (the diff reads text and places what it finds
 * by line): the parts no test is about are written here once; what a test varies it writes itself.
 */

/** The `openapi` and `info` lines (a document version no test compares), then `rest`: paths, components… */
export function openApi(rest: string, openapi = '3.0.3'): string {
  return `openapi: ${openapi}\ninfo: {title: t, version: 1.0.0}\n${rest}`;
}

/** A `paths` entry: `GET <path>` answering 200 with a JSON body of `schema` (YAML flow text). */
export function getReturning(path: string, schema: string): string {
  return [
    `  ${path}:`,
    '    get:',
    '      responses:',
    "        '200':",
    '          description: ok',
    '          content:',
    '            application/json:',
    `              schema: ${schema}`,
    '',
  ].join('\n');
}

/**
 * An OpenAPI 3.1 document of one operation, `GET /orders`, whose 200 response is an object with string
 * properties `id` and each of `properties`, requiring each of `required` (line 14). Names are written
 * as JSON strings, which YAML reads as they are: a test's names may hold anything.
 */
export function ordersContract(required: readonly string[], properties: readonly string[] = []): string {
  const names = required.map((name) => JSON.stringify(name)).join(', ');
  const more = properties.map((name) => `                  ${JSON.stringify(name)}: { type: string }\n`);
  return `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                required: [${names}]
                properties:
                  id: { type: string }
${more.join('')}`;
}

/**
 * An OpenAPI 3.1 document for the `$id` tests: `GET /orders` answers 200 with `operationRef`, and the
 * components' `schemas` are `schemas`, YAML written from column 0 (`ORDER_WITH_ID`, `ITEM_WITH_ID`).
 */
export function withSchemas(schemas: string, operationRef = '#/components/schemas/Order'): string {
  const indented = schemas
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');
  return `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      responses:
        '200':
          description: the order
          content:
            application/json:
              schema: { $ref: '${operationRef}' }
components:
  schemas:
${indented}`;
}

/** Schema `Order` (`$id` https://example.com/schemas/order), requiring `item`: a `$ref` to `itemRef`. */
export const ORDER_WITH_ID = (itemRef: string, extra = '') => `Order:
  $id: https://example.com/schemas/order
  type: object
  required: [item]
  properties:
    item: { $ref: '${itemRef}' }
${extra}`;

/** Schema `Item` (`$id` https://example.com/schemas/item) with a `sku` of `skuType`, requiring `required`. */
export const ITEM_WITH_ID = (required: string, skuType = 'string') => `Item:
  $id: https://example.com/schemas/item
  type: object
  required: [${required}]
  properties:
    sku: { type: ${skuType} }
`;
