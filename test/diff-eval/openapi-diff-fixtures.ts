/**
 * Our verdicts on the backward-compatibility tests of OpenAPITools/openapi-diff (Java:
 * `core/src/test/java/.../backcompat/*BCTest.java` and the `bc_*.yaml` pairs they name under
 * `core/src/test/resources/`), compared in the 25th sitting (2026-12-07) by running this diff on
 * each shape and reading what their test asserts (unchanged, changed but compatible, or backward
 * incompatible). Their documents were input only: the cases below are our own documents of the
 * same shapes, labelled with the verdict we hold (an `error` or none), and run with the rest of
 * the evaluation.
 *
 * Agreed (an error where they say incompatible, none where they say compatible):
 * - SchemaBCTest: request format narrowed, response format widened, a response property no longer
 *   required, a type changed, the discriminator's property renamed; the compatible document's
 *   parts (a property deprecated, a response property added, a request property's declaration
 *   dropped while `required` still names it: what senders may send only widens).
 * - NumericRangeBCTest: every bound added, tightened or made exclusive in a request, and removed,
 *   loosened or made inclusive (`exclusiveMaximum: true` dropped or set `false`) in a response.
 * - MinLength/MaxLengthBCTest (request side), EnumBCTest, RequiredBCTest, ContentBCTest,
 *   RequestBodyBCTest, ParametersBCTest (a parameter made required), ParameterBCTest
 *   (`allowEmptyValue` removed, `style`/`explode` of an array query parameter changed),
 *   PathBCTest, PathsBCTest, OpenApiBCTest (operations and paths removed), HeaderBCTest and
 *   HeadersBCTest (a required response header removed or made optional), OAuthFlowBCTest (the
 *   authorization, token and refresh URLs), SecuritySchemeBCTest (type, `in`, `scheme`,
 *   `bearerFormat`, OpenID Connect URL, a scope required that the flow does not offer),
 *   SecurityRequirement(s)BCTest (a scheme added to a requirement, an alternative removed).
 * - ReadOnlyBCTest: a request property made `readOnly` breaks, and so does a required `readOnly`
 *   property that loses the flag (their TODO doubts it): OpenAPI 3.0 says `required` on a
 *   `readOnly` property applies to responses only, so senders never had to send it and now must.
 * - OperationBCTest: an `operationId` changed is compatible by default there; here a warning
 *   (generated clients rename their method), no error.
 *
 * Fixed here: OpenAPI 3.0's `exclusiveMaximum: true` with no `maximum` (their requestExclusiveMaxSet
 * document) constrains nothing by JSON Schema (draft Wright-00 §5.3 only qualifies `maximum`), yet
 * readBound (src/diff/schema/view-keywords.ts) read it as an unbounded exclusive bound and reported
 * request-constraint-narrowed (error), following openapi-diff. The lead decided (26th sitting) to
 * follow the specification: it is no bound, and boundRows' "request exclusive flag set without a
 * bound", safe, is kept.
 *
 * Deliberately not agreed (our reading of the specification, kept):
 * - requestFormatIncreased (int32 → int64 in a request; their TODO doubts it) is a widening of
 *   what senders may send: info. responseFormatDecreased (int64 → int32 in a response, TODO) is
 *   a narrowing of what readers get: info.
 * - requestPropsPutIncreased (an optional property declared on an open request object; their
 *   TODO, issue 537): an added optional property, info, as oasdiff holds.
 * - responseMinLengthIncreased (5 → 10, and none → 10, in a response) they call incompatible:
 *   readers get only strings they already accepted, so nothing breaks. The reverse (5 → 3, their
 *   response "changed but compatible") lets shorter strings reach readers: it breaks here.
 * - WriteOnlyBCTest responseWriteOnlyRequiredDecreased (a required `writeOnly` response property
 *   that loses the flag; their TODO): readers now always get a field they could not rely on
 *   before, which narrows what they read: no error. ApiResponseBCTest's 400 removed: a
 *   non-success status no longer documented breaks no reader (info), as oasdiff holds.
 * - Response headers: an optional header removed is a warning (their HeadersBCTest and the headers
 *   dropped in HeaderBCTest's required-added document); a header made required, and `explode` set
 *   on a scalar header (its serialisation cannot differ), break no reader.
 * - A query parameter removed (ParametersBCTest decreased) is a warning: the server ignores what
 *   senders still send (docs/breaking-changes.md, request-parameter-removed).
 * - SecurityRequirementsBCTest's compatible document also drops an OAuth scope from a
 *   requirement: fewer scopes asked for breaks nobody.
 */
import type { EvalCase } from './cases.js';

/** POST /widgets taking `request` as its JSON body and answering `response` (OpenAPI 3.0). */
function widgets(request: string, response: string, extra = ''): string {
  return `openapi: 3.0.3
info: { title: Widgets, version: 1.0.0 }
paths:
  /widgets:
    post:
      requestBody: { content: { application/json: { schema: ${request} } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: ${response} } } }
${extra}`;
}

/** The schema as the request body; the response stays a plain string. */
const sent = (schema: string) => widgets(schema, '{ type: string }');
/** The schema as the response body; the request stays a plain string. */
const read = (schema: string) => widgets('{ type: string }', schema);

type Row = [name: string, breaking: boolean, base: string, head: string];
type Fragments = [name: string, breaking: boolean, base: string, head: string];

/** Rows whose two documents are the same frame around two fragments. */
const framed = (frame: (fragment: string) => string, rows: Fragments[]): Row[] =>
  rows.map(([name, breaking, base, head]) => [name, breaking, frame(base), frame(head)]);

const INT = (more: string) => `{ type: integer, ${more} }`;
const STR = (more: string) => `{ type: string, ${more} }`;
/** An object of a string `id` and an integer `size` (with `size`'s extra keywords), `required` as given. */
const WIDGET = (required: string, size = '') =>
  `{ type: object, required: [${required}], properties: { id: { type: string }, size: { type: integer${size} } } }`;
/** The same object with `size` undeclared. */
const BARE = (required: string) =>
  `{ type: object, required: [${required}], properties: { id: { type: string } } }`;

function schemaRows(): Row[] {
  return [
    ...framed(sent, [
      ['request integer format widened', false, INT('format: int32'), INT('format: int64')],
      ['request integer format narrowed', true, INT('format: int64'), INT('format: int32')],
      ['request property type changed', true, WIDGET('id'), WIDGET('id').replace('integer', 'string')],
      ['request optional property declared on an open object', false, BARE('id'), WIDGET('id')],
      ['request declaration of a required property dropped', false, WIDGET('id, size'), BARE('id, size')],
      ['request property made required', true, WIDGET('id'), WIDGET('id, size')],
      ['request property made optional', false, WIDGET('id, size'), WIDGET('id')],
      ['request property made readOnly', true, WIDGET('id'), WIDGET('id', ', readOnly: true')],
      [
        'request required readOnly property no longer readOnly',
        true,
        WIDGET('id, size', ', readOnly: true'),
        WIDGET('id, size'),
      ],
    ]),
    ...framed(read, [
      ['response integer format widened', true, INT('format: int32'), INT('format: int64')],
      ['response integer format narrowed', false, INT('format: int64'), INT('format: int32')],
      ['response property no longer required', true, WIDGET('id, size'), WIDGET('id')],
      ['response property made required', false, WIDGET('id'), WIDGET('id, size')],
      ['property deprecated', false, WIDGET('id'), WIDGET('id', ', deprecated: true')],
      ['response optional property added', false, BARE('id'), WIDGET('id')],
      ['response optional property removed', false, WIDGET('id'), BARE('id')],
      ['response property made writeOnly', true, WIDGET('id'), WIDGET('id', ', writeOnly: true')],
      [
        'response required writeOnly property no longer writeOnly',
        false,
        WIDGET('id, size', ', writeOnly: true'),
        WIDGET('id, size'),
      ],
    ]),
  ];
}

/** A `Shape` with a `kind` discriminator over `Circle` and `Square`, sent and returned. */
function shapes(propertyName: string): string {
  return widgets(
    "{ $ref: '#/components/schemas/Shape' }",
    "{ $ref: '#/components/schemas/Shape' }",
    `components:
  schemas:
    Shape:
      oneOf: [{ $ref: '#/components/schemas/Circle' }, { $ref: '#/components/schemas/Square' }]
      discriminator: { propertyName: ${propertyName} }
    Base: { type: object, required: [kind, label], properties: { kind: { type: string }, label: { type: string } } }
    Circle: { allOf: [{ $ref: '#/components/schemas/Base' }, { properties: { radius: { type: number } } }] }
    Square: { allOf: [{ $ref: '#/components/schemas/Base' }, { properties: { side: { type: number } } }] }
`,
  );
}

function boundRows(): Row[] {
  return [
    ...framed(
      (more) => sent(INT(more)),
      [
        ['request maximum added', true, '', 'maximum: 20'],
        ['request maximum decreased', true, 'maximum: 20', 'maximum: 10'],
        ['request minimum added', true, '', 'minimum: 10'],
        ['request minimum increased', true, 'minimum: 10', 'minimum: 15'],
        ['request maximum made exclusive', true, 'maximum: 20', 'maximum: 20, exclusiveMaximum: true'],
        ['request minimum made exclusive', true, 'minimum: 10', 'minimum: 10, exclusiveMinimum: true'],
        ['request exclusive flag set without a bound', false, '', 'exclusiveMaximum: true'],
        ['request maximum increased', false, 'maximum: 20', 'maximum: 30'],
        ['request minimum removed', false, 'minimum: 10', ''],
      ],
    ),
    ...framed(
      (more) => read(INT(more)),
      [
        ['response maximum removed', true, 'maximum: 20', ''],
        ['response maximum increased', true, 'maximum: 20', 'maximum: 30'],
        ['response minimum decreased', true, 'minimum: 10', 'minimum: 5'],
        ['response minimum removed', true, 'minimum: 10', ''],
        ['response maximum no longer exclusive', true, 'maximum: 20, exclusiveMaximum: true', 'maximum: 20'],
        [
          'response minimum exclusive flag unset',
          true,
          'minimum: 10, exclusiveMinimum: true',
          'minimum: 10, exclusiveMinimum: false',
        ],
        ['response maximum decreased', false, 'maximum: 20', 'maximum: 10'],
        ['response minimum added', false, '', 'minimum: 10'],
      ],
    ),
    ...framed(
      (more) => sent(STR(more)),
      [
        ['request minLength increased', true, 'minLength: 5', 'minLength: 10'],
        ['request minLength decreased', false, 'minLength: 5', 'minLength: 3'],
        ['request maxLength decreased', true, 'maxLength: 50', 'maxLength: 20'],
      ],
    ),
    ...framed(
      (more) => read(STR(more)),
      [
        ['response minLength increased', false, 'minLength: 5', 'minLength: 10'],
        ['response minLength added', false, '', 'minLength: 10'],
        ['response minLength decreased', true, 'minLength: 5', 'minLength: 3'],
        ['response maxLength increased', true, 'maxLength: 20', 'maxLength: 50'],
      ],
    ),
  ];
}

const STATUS = '{ type: string, enum: [open, closed] }';
const STATUS_MORE = '{ type: string, enum: [open, closed, archived] }';

function enumRows(): Row[] {
  return [
    ['request enum value removed', true, sent(STATUS_MORE), sent(STATUS)],
    ['response enum value added', true, read(STATUS), read(STATUS_MORE)],
    ['request enum value added', false, sent(STATUS), sent(STATUS_MORE)],
    ['response enum value removed', false, read(STATUS_MORE), read(STATUS)],
  ];
}

/** GET /widgets with these parameters (YAML flow items), 200 headers, and extra responses. */
function listing(parameters: string[], headers = '{}', responses = ''): string {
  return `openapi: 3.0.3
info: { title: Widgets, version: 1.0.0 }
paths:
  /widgets:
    get:
      parameters: [${parameters.join(', ')}]
      responses:
        '200': { description: ok, headers: ${headers}, content: { application/json: { schema: { type: string } } } }
${responses}`;
}

const Q = (name: string, more = '') => `{ name: ${name}, in: query, schema: { type: string }${more} }`;
const TAGS = (more: string) =>
  `{ name: tags, in: query, schema: { type: array, items: { type: string } }${more} }`;
/** The 200 response's headers: an integer `X-Rate` with these extra keywords. */
const RATE = (more = '') => `{ X-Rate: { schema: { type: integer }${more} } }`;

function messageRows(): Row[] {
  const bodies = (requestTypes: string[], responseTypes: string[]) => `openapi: 3.0.3
info: { title: Widgets, version: 1.0.0 }
paths:
  /widgets:
    post:
      requestBody:
        content: { ${requestTypes.map((t) => `${t}: { schema: { type: string } }`).join(', ')} }
      responses:
        '200':
          description: ok
          content: { ${responseTypes.map((t) => `${t}: { schema: { type: string } }`).join(', ')} }
`;
  const JSON = 'application/json';
  const XML = 'application/xml';
  const ERROR = "'400': { description: bad request }";
  return [
    ['request media type removed', true, bodies([JSON, XML], [JSON]), bodies([JSON], [JSON])],
    ['response media type removed', true, bodies([JSON], [JSON, XML]), bodies([JSON], [JSON])],
    ['request media type added', false, bodies([JSON], [JSON]), bodies([JSON, XML], [JSON])],
    ['response media type added', false, bodies([JSON], [JSON]), bodies([JSON], [JSON, XML])],
    ['error response removed', false, listing([], '{}', `        ${ERROR}\n`), listing([])],
    ['error response added', false, listing([]), listing([], '{}', `        ${ERROR}\n`)],
    ...framed(
      (headers) => listing([], headers),
      [
        ['required response header removed', true, RATE(', required: true'), '{}'],
        ['optional response header removed', false, RATE(), '{}'],
        ['response header made optional', true, RATE(', required: true'), RATE()],
        ['response header made required', false, RATE(), RATE(', required: true')],
        ['response header deprecated', false, RATE(), RATE(', deprecated: true')],
        ['response header added', false, '{}', RATE()],
        ['explode set on a scalar response header', false, RATE(), RATE(', explode: true')],
      ],
    ),
  ];
}

function parameterRows(): Row[] {
  const [q, sort, required] = [Q('q'), Q('sort'), Q('q', ', required: true')];
  const tags = TAGS('');
  return framed(
    (parameters) => listing([parameters]),
    [
      ['optional query parameter removed', false, `${required}, ${sort}`, required],
      ['query parameter made required', true, q, required],
      ['required query parameter added', true, sort, `${sort}, ${required}`],
      ['optional query parameter added', false, sort, `${sort}, ${q}`],
      ['query parameter made optional', false, required, q],
      ['query parameter deprecated', false, q, Q('q', ', deprecated: true')],
      ['empty value no longer allowed', true, Q('q', ', allowEmptyValue: true'), q],
      ['empty value allowed', false, q, Q('q', ', allowEmptyValue: true')],
      ['array query parameter explode unset', true, tags, TAGS(', explode: false')],
      ['array query parameter style changed', true, tags, TAGS(', style: pipeDelimited, explode: false')],
      ['scalar query parameter explode unset', false, q, Q('q', ', explode: false')],
    ],
  );
}

/** POST /widgets/{id} and GET /widgets, each as kept or not, with this operationId and body flag. */
function operations(opts: {
  post?: boolean;
  get?: boolean;
  operationId?: string;
  bodyRequired?: boolean;
}): string {
  const { post = true, get = true, operationId = 'updateWidget', bodyRequired = false } = opts;
  const postOp = `    post:
      operationId: ${operationId}
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      requestBody: { required: ${bodyRequired}, content: { application/json: { schema: { type: object } } } }
      responses: { '204': { description: updated } }
`;
  const getOp = `  /widgets:
    get:
      responses: { '200': { description: ok } }
`;
  return `openapi: 3.0.3
info: { title: Widgets, version: 1.0.0 }
paths:
${post ? `  /widgets/{id}:\n${postOp}` : ''}${get ? getOp : ''}`;
}

function operationRows(): Row[] {
  return [
    ['request body made required', true, operations({}), operations({ bodyRequired: true })],
    ['request body made optional', false, operations({ bodyRequired: true }), operations({})],
    ['operation removed', true, operations({}), operations({ post: false })],
    ['path removed', true, operations({}), operations({ get: false })],
    ['operation added', false, operations({ post: false }), operations({})],
    ['operationId changed', false, operations({}), operations({ operationId: 'editWidget' })],
  ];
}

const SCHEMES: Record<string, string> = {
  basic: '{ type: http, scheme: basic }',
  bearer: '{ type: http, scheme: bearer, bearerFormat: JWT }',
  key: '{ type: apiKey, in: header, name: X-Api-Key }',
  oidc: '{ type: openIdConnect, openIdConnectUrl: https://id.example.com/.well-known/openid-configuration }',
  oauth:
    '{ type: oauth2, flows: { authorizationCode: { authorizationUrl: https://auth.example.com/authorize, tokenUrl: https://auth.example.com/token, refreshUrl: https://auth.example.com/refresh, scopes: { read: reads, write: writes } } } }',
};

/** GET /widgets secured by `security`, with the schemes above after these text replacements. */
function secured(security: string, edit: [from: string, to: string][] = []): string {
  const schemes = Object.entries(SCHEMES)
    .map(
      ([name, scheme]) =>
        `    ${name}: ${edit.reduce((text, [from, to]) => text.replace(from, to), scheme)}\n`,
    )
    .join('');
  return `openapi: 3.0.3
info: { title: Widgets, version: 1.0.0 }
paths:
  /widgets:
    get:
      security: ${security}
      responses: { '200': { description: ok } }
components:
  securitySchemes:
${schemes}`;
}

const ALL = '[{ basic: [] }, { bearer: [] }, { key: [] }, { oidc: [] }, { oauth: [read] }]';

function securityRows(): Row[] {
  const changed = (name: string, breaking: boolean, from: string, to: string): Row => [
    name,
    breaking,
    secured(ALL),
    secured(ALL, [[from, to]]),
  ];
  return [
    changed('OAuth authorization URL changed', true, '/authorize', '/oauth/authorize'),
    changed('OAuth token URL changed', true, '/token', '/oauth/token'),
    changed('OAuth refresh URL changed', true, '/refresh', '/oauth/refresh'),
    changed('bearer format changed', true, 'JWT', 'opaque'),
    changed('API key moved from header to query', true, 'in: header', 'in: query'),
    changed('OpenID Connect URL changed', true, 'id.example.com', 'login.example.com'),
    changed('http scheme changed', true, 'scheme: basic', 'scheme: digest'),
    changed('scheme type changed', true, 'type: http, scheme: basic', 'type: apiKey, in: cookie, name: s'),
    changed('scope description changed', false, 'read: reads', 'read: reads widgets'),
    ...framed(secured, [
      ['requirement asks for one more scope', true, ALL, ALL.replace('[read]', '[read, write]')],
      ['requirement asks for one scope fewer', false, '[{ oauth: [read, write] }]', '[{ oauth: [read] }]'],
      ['scheme added to a requirement', true, '[{ basic: [] }]', '[{ basic: [], key: [] }]'],
      ['alternative requirement removed', true, '[{ basic: [] }, { key: [] }]', '[{ basic: [] }]'],
      ['alternative requirement added', false, '[{ basic: [] }]', '[{ basic: [] }, { key: [] }]'],
    ]),
  ];
}

export function openapiDiffFixtureCases(): EvalCase[] {
  const rows: Row[] = [
    ...schemaRows(),
    ['discriminator property renamed', true, shapes('kind'), shapes('label')],
    ...boundRows(),
    ...enumRows(),
    ...messageRows(),
    ...parameterRows(),
    ...operationRows(),
    ...securityRows(),
  ];
  return rows.map(([name, breaking, base, head]) => ({
    name: `openapi-diff fixtures: ${name}`,
    breaking,
    base,
    head,
  }));
}
