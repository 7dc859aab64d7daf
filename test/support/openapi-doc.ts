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
