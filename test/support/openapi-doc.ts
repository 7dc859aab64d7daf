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
