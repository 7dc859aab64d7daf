/**
 * An evaluation set for the contract diff: contract pairs labelled breaking or safe, written for this
 * project after the cases other tools' expert fixtures cover (oasdiff's checker and OpenAPITools
 * openapi-diff's backward-compatibility tests — their labels, our own documents) plus AsyncAPI
 * pairs and the false alarms of issue 12. A pair is *caught* when the diff reports at least one
 * `error`; a safe pair is *kept* when it reports none.
 */
import { oasdiffFixtureCases } from './oasdiff-fixtures.js';
import { asyncApiExampleCases } from './asyncapi-examples.js';
import { openapiDiffFixtureCases } from './openapi-diff-fixtures.js';

export interface EvalCase {
  name: string;
  breaking: boolean;
  base: string;
  head: string;
}

const HEAD = (version = '3.1.0') => `openapi: ${version}\ninfo: { title: Eval, version: 1.0.0 }\n`;

/** The schema as POST /things' request body. */
function request(schema: string, components = '', version?: string): string {
  return `${HEAD(version)}paths:
  /things:
    post:
      requestBody:
        required: true
        content: { application/json: { schema: ${schema} } }
      responses: { '204': { description: stored } }
${components ? `components:\n  schemas:\n${components}` : ''}`;
}

/** The schema as GET /things' 200 response. */
function response(schema: string, components = '', version?: string): string {
  return `${HEAD(version)}paths:
  /things:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: ${schema} } } }
${components ? `components:\n  schemas:\n${components}` : ''}`;
}

/** GET /things/{id} with these extra parameters (YAML flow items) and responses. */
function operation(parameters: string[], responses = "'200': { description: ok }", extra = ''): string {
  return `${HEAD('3.0.3')}paths:
  /things/{id}:
    get:
${extra}      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
${parameters.map((p) => `        - ${p}\n`).join('')}      responses:
        ${responses}
`;
}

type Pair = [name: string, base: string, head: string];

const schemaPairs = (
  where: (schema: string, components?: string, version?: string) => string,
  breaking: boolean,
  pairs: [string, string, string, string?][],
): EvalCase[] =>
  pairs.map(([name, base, head, version]) => ({
    name: `${where === request ? 'request' : 'response'}: ${name}`,
    breaking,
    base: where(base, '', version),
    head: where(head, '', version),
  }));

const obj = (props: string, required = '') =>
  `{ type: object, ${required ? `required: [${required}], ` : ''}properties: { ${props} } }`;

const EVENTS = `
    Created: { type: object, required: [kind, id], properties: { kind: { const: created }, id: { type: string } } }
    Deleted: { type: object, required: [kind, id], properties: { kind: { const: deleted }, id: { type: string }, by: { type: string } } }
    Moved: { type: object, required: [kind, to], properties: { kind: { const: moved }, to: { type: string } } }
`;

/** Narrowings: breaking where consumers send, safe where they read. */
const NARROWINGS: [string, string, string, string?][] = [
  [
    'required property added',
    obj('a: { type: string }'),
    obj('a: { type: string }, b: { type: string }', 'b'),
  ],
  ['optional property became required', obj('a: { type: string }'), obj('a: { type: string }', 'a')],
  ['enum value removed', '{ type: string, enum: [a, b, c] }', '{ type: string, enum: [a, b] }'],
  ['became an enum', '{ type: string }', '{ type: string, enum: [a, b] }'],
  ['const added', '{ type: string }', '{ type: string, const: fixed }'],
  ['number narrowed to integer', '{ type: number }', '{ type: integer }'],
  ['maxLength decreased', '{ type: string, maxLength: 100 }', '{ type: string, maxLength: 50 }'],
  ['maxLength set', '{ type: string }', '{ type: string, maxLength: 50 }'],
  ['minLength increased', '{ type: string, minLength: 1 }', '{ type: string, minLength: 3 }'],
  ['maximum decreased', '{ type: integer, maximum: 100 }', '{ type: integer, maximum: 10 }'],
  ['minimum set', '{ type: integer }', '{ type: integer, minimum: 1 }'],
  ['exclusiveMinimum set (3.1)', '{ type: number, minimum: 0 }', '{ type: number, exclusiveMinimum: 0 }'],
  [
    'exclusiveMaximum flag set (3.0)',
    '{ type: integer, maximum: 10, exclusiveMaximum: false }',
    '{ type: integer, maximum: 10, exclusiveMaximum: true }',
    '3.0.3',
  ],
  ['multipleOf set', '{ type: integer }', '{ type: integer, multipleOf: 5 }'],
  [
    'minItems increased',
    '{ type: array, items: { type: string }, minItems: 1 }',
    '{ type: array, items: { type: string }, minItems: 2 }',
  ],
  [
    'maxItems decreased',
    '{ type: array, items: { type: string }, maxItems: 10 }',
    '{ type: array, items: { type: string }, maxItems: 5 }',
  ],
  [
    'uniqueItems set',
    '{ type: array, items: { type: string } }',
    '{ type: array, items: { type: string }, uniqueItems: true }',
  ],
  ['maxProperties set', '{ type: object }', '{ type: object, maxProperties: 3 }'],
  ['pattern added', '{ type: string }', "{ type: string, pattern: '^[a-z]+$' }"],
  ['pattern .* made specific', "{ type: string, pattern: '.*' }", "{ type: string, pattern: '^[a-z]+$' }"],
  ['format added to a string', '{ type: string }', '{ type: string, format: date-time }'],
  ['int32 added to an integer', '{ type: integer }', '{ type: integer, format: int32 }'],
  ['null no longer allowed', "{ type: [string, 'null'] }", '{ type: string }'],
  ['nullable removed (3.0)', '{ type: string, nullable: true }', '{ type: string }', '3.0.3'],
  [
    'null left out of the enum beside a nullable type',
    "{ type: [string, 'null'], enum: [a, b, null] }",
    "{ type: [string, 'null'], enum: [a, b] }",
  ],
  [
    'null left out of the type beside an enum that lists it',
    "{ type: [string, 'null'], enum: [a, null] }",
    '{ type: string, enum: [a, null] }',
  ],
  [
    'additionalProperties closed',
    obj('a: { type: string }'),
    '{ type: object, additionalProperties: false, properties: { a: { type: string } } }',
  ],
  [
    'unevaluatedProperties closed',
    obj('a: { type: string }'),
    '{ type: object, unevaluatedProperties: false, properties: { a: { type: string } } }',
  ],
  [
    'contains added',
    '{ type: array, items: { type: string } }',
    '{ type: array, items: { type: string }, contains: { const: admin } }',
  ],
  [
    'minContains increased',
    '{ type: array, contains: { const: a }, minContains: 1 }',
    '{ type: array, contains: { const: a }, minContains: 2 }',
  ],
  [
    'maxContains decreased',
    '{ type: array, contains: { const: a }, maxContains: 5 }',
    '{ type: array, contains: { const: a }, maxContains: 2 }',
  ],
  [
    'a contains that counted nothing given a maxContains',
    '{ type: array, contains: { const: a }, minContains: 0 }',
    '{ type: array, contains: { const: a }, minContains: 0, maxContains: 2 }',
  ],
  [
    'dependentRequired added',
    obj('card: { type: string }, cvc: { type: string }'),
    '{ type: object, dependentRequired: { card: [cvc] }, properties: { card: { type: string }, cvc: { type: string } } }',
  ],
  [
    'dependentSchemas added',
    obj('card: { type: string }'),
    '{ type: object, dependentSchemas: { card: { required: [cvc] } }, properties: { card: { type: string } } }',
  ],
  [
    'if/then added',
    obj('a: { type: string }'),
    '{ type: object, if: { required: [a] }, then: { required: [b] }, properties: { a: { type: string } } }',
  ],
  ['not added', '{ type: string }', '{ type: string, not: { const: root } }'],
  ['propertyNames added', '{ type: object }', "{ type: object, propertyNames: { pattern: '^[a-z]+$' } }"],
  [
    'patternProperties added',
    '{ type: object }',
    "{ type: object, patternProperties: { '^n_': { type: number } } }",
  ],
  [
    'contentSchema added',
    '{ type: string, contentMediaType: application/json }',
    '{ type: string, contentMediaType: application/json, contentSchema: { type: object, required: [a] } }',
  ],
  [
    'anyOf branch removed',
    '{ anyOf: [{ type: string }, { type: integer }] }',
    '{ anyOf: [{ type: string }] }',
  ],
  [
    'oneOf branch removed',
    `{ oneOf: [${obj('card: { type: string }', 'card')}, ${obj('iban: { type: string }', 'iban')}] }`,
    `{ oneOf: [${obj('card: { type: string }', 'card')}] }`,
  ],
  [
    'property type narrowed inside items',
    '{ type: array, items: { type: object, properties: { n: { type: number } } } }',
    '{ type: array, items: { type: object, properties: { n: { type: integer } } } }',
  ],
  ['items constrained', '{ type: array }', '{ type: array, items: { type: string } }'],
  ['a key of a map became required', '{ type: object }', '{ type: object, required: [region] }'],

  [
    'a key typed by patternProperties became required',
    "{ type: object, patternProperties: { '^x-': { type: string } } }",
    "{ type: object, required: [x-tenant], patternProperties: { '^x-': { type: string } } }",
  ],
];

/** Widenings: breaking where consumers read, safe where they send. */
const WIDENINGS: [string, string, string, string?][] = NARROWINGS.map(([name, a, b, v]) => [
  `reverse of: ${name}`,
  b,
  a,
  v,
]);

/** Changes that break both ways. */
const BOTH_WAYS: [string, string, string, string?][] = [
  ['type changed string → integer', '{ type: string }', '{ type: integer }'],
  [
    'format changed date → date-time',
    '{ type: string, format: date }',
    '{ type: string, format: date-time }',
  ],
  [
    'contentMediaType changed',
    '{ type: string, contentMediaType: image/png }',
    '{ type: string, contentMediaType: image/jpeg }',
  ],
  [
    'contentEncoding changed',
    '{ type: string, contentEncoding: base64 }',
    '{ type: string, contentEncoding: base32 }',
  ],
  [
    'if condition changed',
    '{ type: object, if: { required: [a] }, then: { required: [b] } }',
    '{ type: object, if: { required: [c] }, then: { required: [b] } }',
  ],
  ['object became array', obj('a: { type: string }'), '{ type: array, items: { type: string } }'],
  [
    'tuple position retyped',
    '{ type: array, prefixItems: [{ type: integer }], items: { type: string } }',
    '{ type: array, prefixItems: [{ type: string }], items: { type: string } }',
  ],
];

/** Changes that concern no consumer's validity either way. */
const NEUTRAL: [string, string, string, string?][] = [
  [
    'description and example changed',
    '{ type: string, description: old, example: a }',
    '{ type: string, description: new, example: b }',
  ],
  ['int64 added to an integer', '{ type: integer }', '{ type: integer, format: int64 }'],
  [
    'inline schema moved to a component',
    obj('a: { type: string }'),
    "{ $ref: '#/components/schemas/Thing' }",
  ],
  [
    'anyOf with null read as nullable',
    "{ type: [object, 'null'], properties: { a: { type: string } } }",
    "{ anyOf: [{ type: object, properties: { a: { type: string } } }, { type: 'null' }] }",
  ],
  ['deprecated property', obj('a: { type: string }'), obj('a: { type: string, deprecated: true }')],
  [
    'null type added beside an enum without null',
    '{ type: string, enum: [a, b] }',
    "{ type: [string, 'null'], enum: [a, b] }",
  ],
  [
    'null listed in an enum beside a type without null',
    '{ type: string, enum: [a, b] }',
    '{ type: string, enum: [a, b, null] }',
  ],
  ['minLength 0 written out', '{ type: string }', '{ type: string, minLength: 0 }'],
  ['minItems 0 written out', '{ type: array }', '{ type: array, minItems: 0 }'],
  [
    'minContains 1 written out',
    '{ type: array, contains: { type: integer } }',
    '{ type: array, contains: { type: integer }, minContains: 1 }',
  ],
  // An assertion of another type than the schema's own validates nothing it admits (2020-12 §6.2–6.5).
  [
    'maxLength beside an integer tightened',
    '{ type: integer, maxLength: 5 }',
    '{ type: integer, maxLength: 3 }',
  ],
  ['maximum beside a string dropped', '{ type: string, maximum: 10 }', '{ type: string }'],
  ['minItems beside an object raised', '{ type: object, minItems: 1 }', '{ type: object, minItems: 3 }'],
  // So do properties beside a type holding no object, and items beside one holding no array (core §10.3).
  [
    'required property added beside a string',
    '{ type: string, properties: { a: { type: string } } }',
    '{ type: string, properties: { a: { type: string }, b: { type: string } }, required: [b] }',
  ],
  [
    'items beside an integer narrowed',
    '{ type: integer, items: { type: string } }',
    '{ type: integer, items: { const: a } }',
  ],
  // minContains / maxContains have no effect without a contains beside them (2020-12 §6.4.4–5).
  [
    'minContains and maxContains without contains',
    '{ type: array }',
    '{ type: array, minContains: 2, maxContains: 5 }',
  ],
  [
    'a contains that counts nothing dropped',
    '{ type: array, contains: { type: integer }, minContains: 0 }',
    '{ type: array }',
  ],
  [
    'description beside a $ref',
    "{ $ref: '#/components/schemas/Thing' }",
    "{ $ref: '#/components/schemas/Thing', description: the thing }",
    '3.1.0',
  ],
];

function schemaCases(): EvalCase[] {
  const thing = `    Thing: ${obj('a: { type: string }')}\n`;
  const withThing = (make: typeof request) => (schema: string, _c?: string, version?: string) =>
    make(schema, thing, version);
  return [
    ...schemaPairs(request, true, NARROWINGS),
    ...schemaPairs(response, false, NARROWINGS),
    ...schemaPairs(response, true, WIDENINGS),
    ...schemaPairs(request, false, WIDENINGS),
    ...schemaPairs(request, true, BOTH_WAYS),
    ...schemaPairs(response, true, BOTH_WAYS),
    ...NEUTRAL.flatMap(([name, a, b, v]) => [
      {
        name: `request: ${name}`,
        breaking: false,
        base: withThing(request)(a, '', v),
        head: withThing(request)(b, '', v),
      },
      {
        name: `response: ${name}`,
        breaking: false,
        base: withThing(response)(a, '', v),
        head: withThing(response)(b, '', v),
      },
    ]),
  ];
}

/** Choices, allOf and extensions: cases whose verdict depends on the whole, not a keyword. */
function compositionCases(): EvalCase[] {
  const ref = (n: string) => `{ $ref: '#/components/schemas/${n}' }`;
  const extra = `${EVENTS}    Base: ${obj('id: { type: string }')}
    Audit: ${obj('auditor: { type: string }')}
    Note: { description: words only }
    AB: ${obj('a: { type: string }, b: { type: integer }')}
    A: ${obj('a: { type: string }', 'a')}
    B: ${obj('b: { type: integer }', 'b')}
`;
  const cases: [string, boolean, typeof request, string, string][] = [
    [
      'request: a bound beside a $ref tightened (3.1)',
      true,
      request,
      `{ $ref: '#/components/schemas/Base', maxProperties: 5 }`,
      `{ $ref: '#/components/schemas/Base', maxProperties: 2 }`,
    ],
    [
      'response: a bound beside a $ref loosened (3.1)',
      true,
      response,
      `{ $ref: '#/components/schemas/Base', maxProperties: 2 }`,
      `{ $ref: '#/components/schemas/Base', maxProperties: 5 }`,
    ],
    [
      'response oneOf gains an alternative',
      true,
      response,
      `{ oneOf: [${ref('Created')}, ${ref('Deleted')}] }`,
      `{ oneOf: [${ref('Created')}, ${ref('Deleted')}, ${ref('Moved')}] }`,
    ],
    [
      'response anyOf gains an alternative',
      true,
      response,
      `{ anyOf: [${ref('Created')}] }`,
      `{ anyOf: [${ref('Created')}, ${ref('Moved')}] }`,
    ],
    [
      'response oneOf loses an alternative',
      false,
      response,
      `{ oneOf: [${ref('Created')}, ${ref('Deleted')}] }`,
      `{ oneOf: [${ref('Created')}] }`,
    ],
    [
      'request oneOf gains an alternative',
      false,
      request,
      `{ oneOf: [${ref('Created')}] }`,
      `{ oneOf: [${ref('Created')}, ${ref('Moved')}] }`,
    ],
    [
      'request oneOf loses an alternative',
      true,
      request,
      `{ oneOf: [${ref('Created')}, ${ref('Moved')}] }`,
      `{ oneOf: [${ref('Created')}] }`,
    ],
    [
      'open response object became a oneOf of events',
      false,
      response,
      '{ type: object }',
      `{ oneOf: [${ref('Created')}, ${ref('Deleted')}, ${ref('Moved')}] }`,
    ],
    [
      'open request object became a oneOf of events',
      true,
      request,
      '{ type: object }',
      `{ oneOf: [${ref('Created')}, ${ref('Deleted')}, ${ref('Moved')}] }`,
    ],
    [
      'request branches merged into a wider one',
      false,
      request,
      `{ oneOf: [${ref('A')}, ${ref('B')}] }`,
      `{ oneOf: [${ref('AB')}] }`,
    ],
    [
      'request body wrapped in overlapping oneOf',
      true,
      request,
      obj('a: { type: string }, b: { type: integer }'),
      `{ oneOf: [${obj('a: { type: string }')}, ${obj('b: { type: integer }')}] }`,
    ],
    [
      'response body split into alternatives',
      true,
      response,
      obj('a: { type: string }, b: { type: integer }', 'a, b'),
      `{ oneOf: [${obj('a: { type: string }', 'a')}, ${obj('b: { type: integer }', 'b')}] }`,
    ],
    [
      'request enum split into const alternatives',
      false,
      request,
      '{ type: string, enum: [x, y] }',
      '{ oneOf: [{ const: x }, { const: y }, { const: z }] }',
    ],
    [
      'request string became string or integer',
      false,
      request,
      '{ type: string }',
      '{ oneOf: [{ type: string }, { type: integer }] }',
    ],
    [
      'response string became string or integer',
      true,
      response,
      '{ type: string }',
      '{ oneOf: [{ type: string }, { type: integer }] }',
    ],
    [
      'request allOf gains a member',
      true,
      request,
      `{ allOf: [${ref('Base')}] }`,
      `{ allOf: [${ref('Base')}, ${ref('Audit')}] }`,
    ],
    [
      'request allOf gains an annotation member',
      false,
      request,
      `{ allOf: [${ref('Base')}] }`,
      `{ allOf: [${ref('Base')}, ${ref('Note')}] }`,
    ],
    [
      'response allOf loses a member',
      true,
      response,
      `{ allOf: [${ref('Base')}, ${obj('n: { type: string }', 'n')}] }`,
      `{ allOf: [${ref('Base')}] }`,
    ],
    [
      'request schema refactored into allOf',
      false,
      request,
      obj('id: { type: string }, x: { type: string }'),
      `{ allOf: [${ref('Base')}, ${obj('x: { type: string }')}] }`,
    ],
    [
      'response extensible enum gains a value',
      false,
      response,
      '{ type: string, x-extensible-enum: [a, b] }',
      '{ type: string, x-extensible-enum: [a, b, c] }',
    ],
    [
      'request extensible enum loses a value',
      true,
      request,
      '{ type: string, x-extensible-enum: [a, b] }',
      '{ type: string, x-extensible-enum: [a] }',
    ],
    [
      'response property now refers to a nullable schema',
      true,
      response,
      `{ type: object, properties: { by: ${ref('Base')} } }`,
      `{ type: object, properties: { by: { anyOf: [${ref('Base')}, { type: 'null' }] } } }`,
    ],
    [
      'request read-only required property added',
      false,
      request,
      obj('a: { type: string }'),
      `{ type: object, required: [id], properties: { a: { type: string }, id: { type: string, readOnly: true } } }`,
    ],
    [
      'request property became read-only',
      true,
      request,
      obj('id: { type: string }, name: { type: string }'),
      obj('id: { type: string, readOnly: true }, name: { type: string }'),
    ],
    [
      'response property became read-only',
      false,
      response,
      obj('id: { type: string }', 'id'),
      obj('id: { type: string, readOnly: true }', 'id'),
    ],
    [
      'response property became write-only',
      true,
      response,
      obj('secret: { type: string }', 'secret'),
      obj('secret: { type: string, writeOnly: true }', 'secret'),
    ],
  ];
  const renamed = (name: string) =>
    `{ oneOf: [${ref(name)}], discriminator: { propertyName: kind, mapping: { cat: '#/components/schemas/${name}' } } }`;
  const pets = (name: string) =>
    `    ${name}: ${obj('kind: { type: string }, lives: { type: integer }', 'kind')}\n`;
  return [
    ...cases.map(([name, breaking, make, a, b]) => ({
      name,
      breaking,
      base: make(a, extra),
      head: make(b, extra),
    })),
    {
      name: 'schema renamed, discriminator mapping updated',
      breaking: false,
      base: response(renamed('Cat'), pets('Cat')),
      head: response(renamed('Feline'), pets('Feline')),
    },
    {
      name: 'discriminator property changed',
      breaking: true,
      base: response(`{ oneOf: [${ref('Created')}], discriminator: { propertyName: kind } }`, EVENTS),
      head: response(`{ oneOf: [${ref('Created')}], discriminator: { propertyName: id } }`, EVENTS),
    },
    {
      name: 'inheritance: implicit discriminator mapping written out',
      breaking: false,
      base: response(ref('Pet'), family('Cat')),
      head: response(ref('Pet'), family('Cat', ', mapping: { Cat: Cat, Dog: Dog }')),
    },
    {
      name: 'inheritance: a schema extending the discriminator parent renamed',
      breaking: true,
      base: response(ref('Pet'), family('Cat')),
      head: response(ref('Pet'), family('Feline')),
    },
  ];
}

/** `Pet` holds the discriminator; the schema named `cat` and `Dog` extend it through `allOf` (OpenAPI inheritance). */
function family(cat: string, mapping = ''): string {
  const child = (name: string) => `    ${name}: { allOf: [ { $ref: '#/components/schemas/Pet' } ] }\n`;
  return `    Pet: { type: object, required: [kind], properties: { kind: { type: string } }, discriminator: { propertyName: kind${mapping} } }\n${child(cat)}${child('Dog')}`;
}

function structureCases(): EvalCase[] {
  const q = (extra: string) => `{ name: q, in: query, ${extra} schema: { type: string } }`;
  const arr = (extra: string) =>
    `{ name: tags, in: query, ${extra} schema: { type: array, items: { type: string } } }`;
  const op = (extra = '', path = '/things') => `${HEAD('3.0.3')}paths:
  ${path}:
    get:
${extra}      responses: { '200': { description: ok } }
`;
  const breaking: Pair[] = [
    [
      'operation removed',
      op() + `  /other:\n    get:\n      responses: { '200': { description: ok } }\n`,
      op('', '/other'),
    ],
    ['required query parameter added', operation([]), operation([q('required: true,')])],
    [
      'required header added',
      operation([]),
      operation(['{ name: X-Tenant, in: header, required: true, schema: { type: string } }']),
    ],
    ['parameter became required', operation([q('')]), operation([q('required: true,')])],
    [
      'null left out of a query parameter given as JSON',
      operation([
        '{ name: f, in: query, content: { application/json: { schema: { type: object, nullable: true } } } }',
      ]),
      operation(['{ name: f, in: query, content: { application/json: { schema: { type: object } } } }']),
    ],
    [
      'parameter moved from query to header',
      operation([q('')]),
      operation(['{ name: q, in: header, schema: { type: string } }']),
    ],
    [
      'array parameter style changed',
      operation([arr('style: form,')]),
      operation([arr('style: pipeDelimited,')]),
    ],
    [
      'array parameter explode changed',
      operation([arr('explode: true,')]),
      operation([arr('explode: false,')]),
    ],
    ['allowEmptyValue removed', operation([q('allowEmptyValue: true,')]), operation([q('')])],
    // JSON quotes a string: `?q=abc` becomes `?q=%22abc%22`.
    [
      'string query parameter moved into JSON content',
      operation([q('')]),
      operation(['{ name: q, in: query, content: { application/json: { schema: { type: string } } } }']),
    ],
    [
      'parameter enum value removed',
      operation(['{ name: s, in: query, schema: { type: string, enum: [a, b] } }']),
      operation(['{ name: s, in: query, schema: { type: string, enum: [a] } }']),
    ],
    [
      'parameter pattern added',
      operation([q('')]),
      operation(["{ name: q, in: query, schema: { type: string, pattern: '^[0-9]+$' } }"]),
    ],
    [
      'path parameter type changed',
      operation([]).replace('{ type: string } }\n', '{ type: integer } }\n'),
      operation([]),
    ],
    [
      'deprecated operation removed before its sunset',
      op('      deprecated: true\n      x-sunset: 2999-01-01\n') +
        `  /other:\n    get:\n      responses: { '200': { description: ok } }\n`,
      op('', '/other'),
    ],
    [
      'operation removed with an unreadable sunset',
      op('      deprecated: true\n      x-sunset: soon\n') +
        `  /other:\n    get:\n      responses: { '200': { description: ok } }\n`,
      op('', '/other'),
    ],
    ['stability decreased', op('      x-stability-level: stable\n'), op('      x-stability-level: beta\n')],
    [
      'sunset moved earlier',
      op('      deprecated: true\n      x-sunset: 2999-06-01\n'),
      op('      deprecated: true\n      x-sunset: 2999-01-01\n'),
    ],
    [
      'deprecated parameter removed before its sunset',
      operation([q('deprecated: true, x-sunset: 2999-01-01,')]),
      operation([]),
    ],
    [
      'success status removed',
      operation([], "'200': { description: ok }\n        '201': { description: created }"),
      operation([], "'201': { description: created }"),
    ],
    [
      'required response header removed',
      operation(
        [],
        "'200': { description: ok, headers: { X-Rate: { required: true, schema: { type: integer } } } }",
      ),
      operation([]),
    ],
    [
      'response header became optional',
      operation(
        [],
        "'200': { description: ok, headers: { X-Rate: { required: true, schema: { type: integer } } } }",
      ),
      operation([], "'200': { description: ok, headers: { X-Rate: { schema: { type: integer } } } }"),
    ],
    [
      // A header's `simple` style spells an object `r,1,g,2` unexploded and `r=1,g=2` exploded.
      'response header explode changed',
      operation(
        [],
        "'200': { description: ok, headers: { X-Rgb: { schema: { type: object, properties: { r: { type: integer } } } } } }",
      ),
      operation(
        [],
        "'200': { description: ok, headers: { X-Rgb: { explode: true, schema: { type: object, properties: { r: { type: integer } } } } } }",
      ),
    ],
    [
      'response media type removed',
      operation(
        [],
        "'200': { description: ok, content: { application/json: { schema: { type: string } }, application/xml: { schema: { type: string } } } }",
      ),
      operation(
        [],
        "'200': { description: ok, content: { application/json: { schema: { type: string } } } }",
      ),
    ],
    [
      'request body became required',
      request(obj('a: { type: string }')).replace('required: true\n', 'required: false\n'),
      request(obj('a: { type: string }')),
    ],
    [
      'required request body added',
      op().replace('get:', 'post:'),
      op().replace(
        'get:',
        'post:\n      requestBody: { required: true, content: { application/json: { schema: { type: object } } } }',
      ),
    ],
    [
      'request body removed',
      request(obj('a: { type: string }')),
      `${HEAD()}paths:\n  /things:\n    post:\n      responses: { '204': { description: stored } }\n`,
    ],
    [
      'request media type removed',
      request(obj('a: { type: string }')).replace(
        'content: { application/json: { schema: ',
        'content: { application/xml: { schema: { type: object } }, application/json: { schema: ',
      ),
      request(obj('a: { type: string }')),
    ],
  ];
  const safe: Pair[] = [
    [
      'operation added',
      op(),
      op() + `  /other:\n    get:\n      responses: { '200': { description: ok } }\n`,
    ],
    ['optional parameter added', operation([]), operation([q('')])],
    // A warning, not an error (oasdiff: WARN): servers usually ignore a parameter they do not know.
    ['parameter removed without deprecation', operation([q('')]), operation([])],
    ['parameter became optional', operation([q('required: true,')]), operation([q('')])],
    // JSON writes an integer as its text: `?n=5` either way.
    [
      'integer query parameter moved into JSON content',
      operation(['{ name: n, in: query, schema: { type: integer } }']),
      operation(['{ name: n, in: query, content: { application/json: { schema: { type: integer } } } }']),
    ],
    // A style-serialised value is text: null has no spelling there (RFC 6570: null is undefined).
    [
      'nullable removed from a query parameter',
      operation(['{ name: n, in: query, schema: { type: integer, nullable: true } }']),
      operation(['{ name: n, in: query, schema: { type: integer } }']),
    ],
    ['parameter deprecated', operation([q('')]), operation([q('deprecated: true,')])],
    ['operation deprecated', op(), op('      deprecated: true\n      x-sunset: 2999-01-01\n')],
    [
      'deprecated operation removed after its sunset',
      op('      deprecated: true\n      x-sunset: 2000-01-01\n') +
        `  /other:\n    get:\n      responses: { '200': { description: ok } }\n`,
      op('', '/other'),
    ],
    [
      'alpha operation removed',
      op('      x-stability-level: alpha\n') +
        `  /other:\n    get:\n      responses: { '200': { description: ok } }\n`,
      op('', '/other'),
    ],
    [
      'draft operation gains a required parameter',
      operation([], undefined, '      x-stability-level: draft\n'),
      operation([q('required: true,')], undefined, '      x-stability-level: draft\n'),
    ],
    ['stability increased', op('      x-stability-level: beta\n'), op('      x-stability-level: stable\n')],
    ['stability level first given', op(), op('      x-stability-level: beta\n')],
    ['deprecated parameter removed without a sunset', operation([q('deprecated: true,')]), operation([])],
    [
      'deprecated parameter removed after its sunset',
      operation([q('deprecated: true, x-sunset: 2000-01-01,')]),
      operation([]),
    ],
    [
      'path parameter renamed',
      operation([]),
      operation([]).replaceAll('{id}', '{thingId}').replace('name: id,', 'name: thingId,'),
    ],
    [
      // The `simple` style spells an array `a,b,c` exploded or not (OpenAPI's style examples).
      'array response header explode changed',
      operation(
        [],
        "'200': { description: ok, headers: { X-Ids: { schema: { type: array, items: { type: string } } } } }",
      ),
      operation(
        [],
        "'200': { description: ok, headers: { X-Ids: { explode: true, schema: { type: array, items: { type: string } } } } }",
      ),
    ],
    [
      'primitive parameter style spelled out',
      operation([q('')]),
      operation([q('style: form, explode: true,')]),
    ],
    [
      'int64 added to a path parameter',
      operation([]).replace('schema: { type: string } }', 'schema: { type: integer } }'),
      operation([]).replace('schema: { type: string } }', 'schema: { type: integer, format: int64 } }'),
    ],
    [
      'operationId and tags changed',
      op('      operationId: one\n      tags: [a]\n'),
      op('      operationId: two\n      tags: [b]\n'),
    ],
    [
      'error status added',
      operation([]),
      operation([], "'200': { description: ok }\n        '429': { description: slow down }"),
    ],
    [
      'error status removed',
      operation([], "'200': { description: ok }\n        '404': { description: missing }"),
      operation([]),
    ],
    [
      'response header added',
      operation([]),
      operation([], "'200': { description: ok, headers: { X-Rate: { schema: { type: integer } } } }"),
    ],
    [
      'response header deprecated',
      operation([], "'200': { description: ok, headers: { X-Rate: { schema: { type: integer } } } }"),
      operation(
        [],
        "'200': { description: ok, headers: { X-Rate: { deprecated: true, schema: { type: integer } } } }",
      ),
    ],
    [
      'response media type added',
      operation(
        [],
        "'200': { description: ok, content: { application/json: { schema: { type: string } } } }",
      ),
      operation(
        [],
        "'200': { description: ok, content: { application/json: { schema: { type: string } }, application/xml: { schema: { type: string } } } }",
      ),
    ],
    [
      'request body became optional',
      request(obj('a: { type: string }')),
      request(obj('a: { type: string }')).replace('required: true\n', 'required: false\n'),
    ],
    [
      'request media type added',
      request(obj('a: { type: string }')),
      request(obj('a: { type: string }')).replace(
        'content: { application/json: { schema: ',
        'content: { application/xml: { schema: { type: object } }, application/json: { schema: ',
      ),
    ],
    [
      'unused component schema removed',
      response('{ type: string }', `    Unused: { type: object }\n`),
      response('{ type: string }'),
    ],
  ];
  return [
    ...breaking.map(([name, base, head]) => ({ name: `structure: ${name}`, breaking: true, base, head })),
    ...safe.map(([name, base, head]) => ({ name: `structure: ${name}`, breaking: false, base, head })),
  ];
}

function serverAndSecurityCases(): EvalCase[] {
  const doc = (servers: string, security: string, schemes: string) => `${HEAD('3.0.3')}${servers}
paths:
  /things:
    get:
      ${security}
      responses: { '200': { description: ok } }
components:
  securitySchemes:
${schemes}
`;
  const SCHEMES = `    key: { type: apiKey, in: header, name: X-Key }
    bearer: { type: http, scheme: bearer, bearerFormat: JWT }
    oidc: { type: openIdConnect, openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' }
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: 'https://auth.example.com/authorize'
          tokenUrl: 'https://auth.example.com/token'
          refreshUrl: 'https://auth.example.com/refresh'
          scopes: { read: read, write: write }`;
  const s = (
    security: string,
    schemes = SCHEMES,
    servers = "servers: [{ url: 'https://api.example.com/v1' }]",
  ) => doc(servers, security, schemes);
  const base = s('security: [{ key: [] }, { oauth: [read] }]');
  const breaking: Pair[] = [
    ['security alternative removed', base, s('security: [{ oauth: [read] }]')],
    ['scheme added to a requirement', base, s('security: [{ key: [], bearer: [] }, { oauth: [read] }]')],
    ['scope added', base, s('security: [{ key: [] }, { oauth: [read, write] }]')],
    ['security introduced', s(''), s('security: [{ key: [] }]')],
    [
      'apiKey moved to a query parameter',
      base,
      s('security: [{ key: [] }, { oauth: [read] }]', SCHEMES.replace('in: header', 'in: query')),
    ],
    [
      'apiKey header renamed',
      base,
      s('security: [{ key: [] }, { oauth: [read] }]', SCHEMES.replace('X-Key', 'X-Api-Key')),
    ],
    [
      'bearer format changed',
      s('security: [{ bearer: [] }]'),
      s('security: [{ bearer: [] }]', SCHEMES.replace('JWT', 'opaque')),
    ],
    [
      'http scheme changed',
      s('security: [{ bearer: [] }]'),
      s('security: [{ bearer: [] }]', SCHEMES.replace('scheme: bearer', 'scheme: basic')),
    ],
    [
      'scheme type changed',
      base,
      s(
        'security: [{ key: [] }, { oauth: [read] }]',
        SCHEMES.replace(
          'key: { type: apiKey, in: header, name: X-Key }',
          'key: { type: http, scheme: basic }',
        ),
      ),
    ],
    [
      'OpenID Connect URL changed',
      s('security: [{ oidc: [] }]'),
      s('security: [{ oidc: [] }]', SCHEMES.replace('id.example.com', 'login.example.com')),
    ],
    [
      'OAuth token URL changed',
      base,
      s('security: [{ key: [] }, { oauth: [read] }]', SCHEMES.replace('/token', '/oauth/token')),
    ],
    [
      'OAuth authorization URL changed',
      base,
      s('security: [{ key: [] }, { oauth: [read] }]', SCHEMES.replace('/authorize', '/oauth/authorize')),
    ],
    [
      'OAuth refresh URL changed',
      base,
      s('security: [{ key: [] }, { oauth: [read] }]', SCHEMES.replace('/refresh', '/oauth/refresh')),
    ],
  ];
  const safe: Pair[] = [
    ['security requirement removed (anonymous allowed)', base, s('')],
    ['scope removed', s('security: [{ oauth: [read, write] }]'), s('security: [{ oauth: [read] }]')],
    ['alternative added', base, s('security: [{ key: [] }, { oauth: [read] }, { bearer: [] }]')],
    [
      'server moved to another environment',
      base,
      s(
        'security: [{ key: [] }, { oauth: [read] }]',
        SCHEMES,
        "servers: [{ url: 'https://api.staging.example.com/v1' }]",
      ),
    ],
    [
      'server list changed',
      base,
      s(
        'security: [{ key: [] }, { oauth: [read] }]',
        SCHEMES,
        "servers: [{ url: 'https://eu.example.com/v1' }, { url: 'https://us.example.com/v1' }]",
      ),
    ],
    [
      'OAuth refresh URL given where there was none',
      s('security: [{ key: [] }, { oauth: [read] }]', SCHEMES.replace(/\n.*refreshUrl.*/, '')),
      base,
    ],
    [
      'bearer format given where there was none',
      s('security: [{ key: [] }, { oauth: [read] }]', SCHEMES.replace(', bearerFormat: JWT', '')),
      base,
    ],
    [
      // Only a scheme operations ask for has callers to break.
      'http scheme of a scheme no operation asks for changed',
      base,
      s('security: [{ key: [] }, { oauth: [read] }]', SCHEMES.replace('scheme: bearer', 'scheme: basic')),
    ],
    [
      'http scheme written in another letter case',
      s('security: [{ bearer: [] }]'),
      s('security: [{ bearer: [] }]', SCHEMES.replace('scheme: bearer', 'scheme: Bearer')),
    ],
    [
      'apiKey header name written in another letter case',
      base,
      s('security: [{ key: [] }, { oauth: [read] }]', SCHEMES.replace('X-Key', 'x-key')),
    ],
    [
      'scope description changed',
      base,
      s('security: [{ key: [] }, { oauth: [read] }]', SCHEMES.replace('read: read', 'read: read things')),
    ],
  ];
  return [
    ...breaking.map(([name, b, h]) => ({ name: `security: ${name}`, breaking: true, base: b, head: h })),
    ...safe.map(([name, b, h]) => ({ name: `security/servers: ${name}`, breaking: false, base: b, head: h })),
  ];
}

function swaggerConversionCases(): EvalCase[] {
  const swagger = `swagger: '2.0'
info: { title: Pets, version: 1.0.0 }
host: pets.example.com
basePath: /v1
schemes: [https]
consumes: [application/json]
produces: [application/json]
paths:
  /pets:
    get:
      parameters:
        - { name: limit, in: query, type: integer, format: int32 }
        - { name: tags, in: query, type: array, items: { type: string }, collectionFormat: csv }
        - { name: ids, in: query, type: array, items: { type: integer }, collectionFormat: multi }
      responses:
        '200': { description: pets, schema: { type: array, items: { $ref: '#/definitions/Pet' } }, headers: { X-Next: { type: string } } }
    post:
      parameters:
        - { name: body, in: body, required: true, schema: { $ref: '#/definitions/Pet' } }
      responses: { '201': { description: created } }
  /pets/{petId}:
    get:
      parameters:
        - { name: petId, in: path, required: true, type: integer, format: int64 }
      responses: { '200': { description: pet, schema: { $ref: '#/definitions/Pet' } } }
securityDefinitions:
  oauth: { type: oauth2, flow: accessCode, authorizationUrl: 'https://a.example.com/authorize', tokenUrl: 'https://a.example.com/token', scopes: { read: r } }
  basic: { type: basic }
security: [{ oauth: [read] }]
definitions:
  Pet: { type: object, required: [id], properties: { id: { type: integer, format: int64 }, tag: { type: string, x-nullable: true } } }
`;
  const openapi = `openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
servers: [{ url: 'https://pets.example.com/v1' }]
paths:
  /pets:
    get:
      parameters:
        - { name: limit, in: query, schema: { type: integer, format: int32 } }
        - { name: tags, in: query, style: form, explode: false, schema: { type: array, items: { type: string } } }
        - { name: ids, in: query, style: form, explode: true, schema: { type: array, items: { type: integer } } }
      responses:
        '200':
          description: pets
          headers: { X-Next: { schema: { type: string } } }
          content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Pet' } } } }
    post:
      requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
      responses: { '201': { description: created } }
  /pets/{petId}:
    get:
      parameters:
        - { name: petId, in: path, required: true, style: simple, schema: { type: integer, format: int64 } }
      responses: { '200': { description: pet, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } } }
components:
  securitySchemes:
    oauth: { type: oauth2, flows: { authorizationCode: { authorizationUrl: 'https://a.example.com/authorize', tokenUrl: 'https://a.example.com/token', scopes: { read: r } } } }
    basic: { type: http, scheme: basic }
  schemas:
    Pet: { type: object, required: [id], properties: { id: { type: integer, format: int64 }, tag: { type: string, nullable: true } } }
security: [{ oauth: [read] }]
`;
  return [
    { name: 'swagger 2.0 → 3.0: same API', breaking: false, base: swagger, head: openapi },
    {
      name: 'swagger 2.0 → 3.0: a field became required on the way',
      breaking: true,
      base: swagger,
      head: openapi.replace('required: [id], properties', 'required: [id, tag], properties'),
    },
    {
      name: 'swagger 2.0 → 3.0: csv became exploded',
      breaking: true,
      base: swagger,
      head: openapi.replace('style: form, explode: false', 'style: form, explode: true'),
    },
  ];
}

/** Edits of one document for a case; an edit that finds nothing to replace is a broken case. */
function editorOf(doc: string): (from: string, to: string) => string {
  return (from, to) => {
    if (!doc.includes(from)) throw new Error(`eval case edits nothing: ${from}`);
    return doc.replace(from, to);
  };
}

/** AsyncAPI servers and addresses: URL variables, channel parameters, broker security, schema formats. */
function addressCases(): [string, boolean, string, string][] {
  const doc = `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
defaultContentType: application/json
servers:
  prod:
    url: '{env}.broker.example.com:9092'
    protocol: kafka
    protocolVersion: '3.5'
    variables:
      env: { enum: [prod, staging], default: prod }
    security: [{ sasl: [] }]
channels:
  orders/{region}:
    parameters:
      region: { schema: { type: string, enum: [eu, us] }, location: $message.payload#/region }
    subscribe:
      operationId: orderEvents
      message:
        name: Order
        schemaFormat: application/vnd.aai.asyncapi+json;version=2.6.0
        payload: { type: object, properties: { id: { type: string }, region: { type: string } } }
components:
  securitySchemes:
    sasl: { type: scramSha256 }
`;
  const edit = editorOf(doc);
  return [
    ['server variable loses a value', true, doc, edit('enum: [prod, staging]', 'enum: [prod]')],
    ['server variable default changed', true, doc, edit('default: prod }', 'default: staging }')],
    [
      'server variable gains a value',
      false,
      doc,
      edit('enum: [prod, staging]', 'enum: [prod, staging, dev]'),
    ],
    ['broker stops asking for credentials', true, doc, edit('    security: [{ sasl: [] }]\n', '')],
    [
      'channel parameter read from another place',
      true,
      doc,
      edit('$message.payload#/region', '$message.header#/region'),
    ],
    ['channel parameter loses a value', true, doc, edit('enum: [eu, us] }', 'enum: [eu] }')],
    ['channel parameter gains a value', false, doc, edit('enum: [eu, us] }', 'enum: [eu, us, apac] }')],
    [
      'payload schema moved to Avro',
      true,
      doc,
      edit('application/vnd.aai.asyncapi+json;version=2.6.0', 'application/vnd.apache.avro;version=1.9.0'),
    ],
    [
      'payload schema format spelled as JSON Schema',
      false,
      doc,
      edit('application/vnd.aai.asyncapi+json;version=2.6.0', 'application/schema+json;version=draft-07'),
    ],
    [
      'default content type changed',
      true,
      doc,
      edit('defaultContentType: application/json', 'defaultContentType: application/avro'),
    ],
    [
      'consumers receive a second message on the channel',
      true,
      doc,
      edit(
        '      message:\n        name: Order\n',
        '      message:\n        oneOf:\n          - { name: Refund, payload: { type: object } }\n          - name: Order\n',
      ).replace(/\n {8}(schemaFormat|payload):/g, '\n            $1:'),
    ],
    [
      'server description added',
      false,
      doc,
      edit('    protocol: kafka\n', '    protocol: kafka\n    description: the main cluster\n'),
    ],
  ];
}

function asyncApiCases(): EvalCase[] {
  const v3 = (action: string, payload: string, extra = '') => `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
servers:
  prod: { host: broker.example.com, protocol: kafka }
channels:
  orders:
    address: orders.v1
    messages:
      Order: { payload: ${payload} }
operations:
  orderEvents:
    action: ${action}
    channel: { $ref: '#/channels/orders' }
${extra}`;
  const v2 = (verb: string, payload: string) => `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders.v1:
    ${verb}:
      operationId: orderEvents
      message: { name: Order, payload: ${payload} }
`;
  const p = obj('id: { type: string }, status: { type: string, enum: [open, closed] }', 'id');
  /** A request/reply operation; its reply lists `replies` (message names) of the `quotes` channel. */
  const rr = (action: string, replies: string[], second = obj('total: { type: integer }')) => `asyncapi: 3.0.0
info: { title: Quotes, version: 1.0.0 }
channels:
  requests:
    address: quote.requests
    messages:
      Ask: { payload: ${obj('sku: { type: string }')} }
  quotes:
    address: quote.replies
    messages:
      Quote: { payload: ${obj('price: { type: number }')} }
      Estimate: { payload: ${second} }
      Refusal: { payload: ${obj('reason: { type: string, enum: [stock, region] }')} }
operations:
  quote:
    action: ${action}
    channel: { $ref: '#/channels/requests' }
    messages: [{ $ref: '#/channels/requests/messages/Ask' }]
    reply:
      channel: { $ref: '#/channels/quotes' }
      messages: [${replies.map((r) => `{ $ref: '#/channels/quotes/messages/${r}' }`).join(', ')}]
`;
  const cases: [string, boolean, string, string][] = [
    // `receive`: consumers send the request and read every reply message, not only the first.
    [
      'reply read by consumers: second message field retyped',
      true,
      rr('receive', ['Quote', 'Estimate']),
      rr('receive', ['Quote', 'Estimate'], obj('total: { type: string }')),
    ],
    [
      'reply read by consumers: second message loses a required field',
      true,
      rr('receive', ['Quote', 'Estimate'], obj('total: { type: integer }, note: { type: string }', 'note')),
      rr('receive', ['Quote', 'Estimate'], obj('total: { type: integer }')),
    ],
    [
      'reply read by consumers: second message gains an optional field',
      false,
      rr('receive', ['Quote', 'Estimate']),
      rr('receive', ['Quote', 'Estimate'], obj('total: { type: integer }, note: { type: string }')),
    ],
    // `send`: consumers read the request and send the replies.
    [
      'reply sent by consumers: third message loses an enum value',
      true,
      rr('send', ['Quote', 'Estimate', 'Refusal']),
      rr('send', ['Quote', 'Estimate', 'Refusal']).replace('enum: [stock, region]', 'enum: [stock]'),
    ],
    [
      'reply sent by consumers: a message added',
      false,
      rr('send', ['Quote', 'Estimate']),
      rr('send', ['Quote', 'Estimate', 'Refusal']),
    ],
    [
      'sent message: field removed',
      true,
      v3('send', p),
      v3('send', obj('status: { type: string, enum: [open, closed] }')),
    ],
    [
      'sent message: enum value added',
      true,
      v3('send', p),
      v3('send', p.replace('closed]', 'closed, archived]')),
    ],
    [
      'sent message: optional field added',
      false,
      v3('send', p),
      v3('send', p.replace('id: { type: string }', 'id: { type: string }, note: { type: string }')),
    ],
    ['sent message: enum value removed', false, v3('send', p), v3('send', p.replace(', closed]', ']'))],
    [
      'received message: field became required',
      true,
      v3('receive', p),
      v3('receive', p.replace('required: [id]', 'required: [id, status]')),
    ],
    [
      'received message: enum value removed',
      true,
      v3('receive', p),
      v3('receive', p.replace(', closed]', ']')),
    ],
    [
      'received message: enum value added',
      false,
      v3('receive', p),
      v3('receive', p.replace('closed]', 'closed, archived]')),
    ],
    [
      'received message: field became optional',
      false,
      v3('receive', p),
      v3('receive', p.replace('required: [id], ', '')),
    ],
    ['action flipped', true, v3('send', p), v3('receive', p)],
    [
      'channel address changed',
      true,
      v3('send', p),
      v3('send', p).replace('address: orders.v1', 'address: orders.v2'),
    ],
    [
      'server protocol changed',
      true,
      v3('send', p),
      v3('send', p).replace('protocol: kafka', 'protocol: amqp'),
    ],
    [
      '2.x subscribe: field type changed',
      true,
      v2('subscribe', p),
      v2('subscribe', p.replace('id: { type: string }', 'id: { type: integer }')),
    ],
    [
      '2.x publish: optional field added',
      false,
      v2('publish', p),
      v2('publish', p.replace('id: { type: string }', 'id: { type: string }, note: { type: string }')),
    ],
    ['2.6 → 3.0 migration keeping address and direction', false, v2('subscribe', p), v3('send', p)],
    ...addressCases(),
    [
      'operation marked alpha changes freely',
      false,
      v3('send', p, '    x-stability-level: alpha\n'),
      v3('send', obj('status: { type: string }'), '    x-stability-level: alpha\n'),
    ],
    ...headerCaseCases(v3),
  ];
  return cases.map(([name, breaking, base, head]) => ({ name: `asyncapi: ${name}`, breaking, base, head }));
}

/**
 * Cases from walking other tools' catalogues (oasdiff's checker, openapi-diff's backward-compatibility
 * tests, Optic's rules): parameters' own schemas, read-only and write-only guards, media types and
 * their schemas, nested places (maps, header objects, path-level parameters). Labels are theirs where
 * they agree with the direction rule; the documents are ours.
 */
function catalogueCases(): EvalCase[] {
  const q = (schema: string, extra = '') => `{ name: q, in: query, ${extra}schema: ${schema} }`;
  const paramPair = (name: string, breaking: boolean, a: string, b: string): EvalCase => ({
    name: `parameter: ${name}`,
    breaking,
    base: operation([q(a)]),
    head: operation([q(b)]),
  });
  const arr = (extra = '') => `{ type: array, items: { type: string }${extra} }`;
  const params: [string, boolean, string, string][] = [
    ['became an enum', true, '{ type: string }', '{ type: string, enum: [a, b] }'],
    ['maxLength set', true, '{ type: string }', '{ type: string, maxLength: 10 }'],
    ['minimum increased', true, '{ type: integer, minimum: 1 }', '{ type: integer, minimum: 5 }'],
    ['maximum decreased', true, '{ type: integer, maximum: 100 }', '{ type: integer, maximum: 50 }'],
    ['minItems set', true, arr(), arr(', minItems: 1')],
    ['maxItems decreased', true, arr(', maxItems: 10'), arr(', maxItems: 5')],
    ['type changed integer → boolean', true, '{ type: integer }', '{ type: boolean }'],
    // Text has no null (RFC 6570: a null value is left out), as 'nullable removed from a query
    // parameter' holds; a parameter given as JSON `content` is where null can be sent and break.
    ['nullable removed', false, '{ type: string, nullable: true }', '{ type: string }'],
    ['pattern added', true, '{ type: string }', "{ type: string, pattern: '^[a-z]+$' }"],
    [
      'extensible enum value removed',
      true,
      '{ type: string, x-extensible-enum: [a, b] }',
      '{ type: string, x-extensible-enum: [a] }',
    ],
    ['maxLength increased', false, '{ type: string, maxLength: 10 }', '{ type: string, maxLength: 20 }'],
    ['minimum decreased', false, '{ type: integer, minimum: 5 }', '{ type: integer, minimum: 1 }'],
    ['pattern removed', false, "{ type: string, pattern: '^[a-z]+$' }", '{ type: string }'],
    ['enum value added', false, '{ type: string, enum: [a] }', '{ type: string, enum: [a, b] }'],
    ['integer widened to number', false, '{ type: integer }', '{ type: number }'],
    [
      'description changed',
      false,
      '{ type: string, description: old }',
      '{ type: string, description: new }',
    ],
  ];
  const header = (schema: string) =>
    `{ name: X-Filter, in: header, content: { application/json: { schema: ${schema} } } }`;
  const cookie = (required: boolean) =>
    `{ name: session, in: cookie, ${required ? 'required: true, ' : ''}schema: { type: string } }`;
  const pathLevel = (params: string) => `${HEAD('3.0.3')}paths:
  /things/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
${params}    get:
      responses: { '200': { description: ok } }
    delete:
      responses: { '204': { description: gone } }
`;
  const media = (direction: 'request' | 'response', type: string, schema = '{ type: string }') =>
    direction === 'request'
      ? `${HEAD('3.0.3')}paths:
  /things:
    post:
      requestBody: { required: true, content: { '${type}': { schema: ${schema} } } }
      responses: { '204': { description: stored } }
`
      : `${HEAD('3.0.3')}paths:
  /things:
    get:
      responses: { '200': { description: ok, content: { '${type}': { schema: ${schema} } } } }
`;
  const noSchema = (direction: 'request' | 'response') =>
    media(direction, 'application/json').replace(' { schema: { type: string } }', ' {}');
  const ro = (extra: string, required = '') =>
    obj(`id: { type: string, readOnly: true${extra} }, name: { type: string }`, required);
  const wo = (extra: string, required = '') =>
    obj(`secret: { type: string, writeOnly: true${extra} }, name: { type: string }`, required);
  const other: [string, boolean, string, string][] = [
    ['new required cookie parameter', true, operation([]), operation([cookie(true)])],
    ['new optional cookie parameter', false, operation([]), operation([cookie(false)])],
    [
      'required parameter added to a path item (every operation)',
      true,
      pathLevel(''),
      pathLevel('      - { name: v, in: query, required: true, schema: { type: string } }\n'),
    ],
    [
      'header object gains a required property',
      true,
      operation([header(obj('a: { type: string }'))]),
      operation([header(obj('a: { type: string }, b: { type: string }', 'b'))]),
    ],
    [
      'header object property became an enum',
      true,
      operation([header(obj('a: { type: string }'))]),
      operation([header(obj('a: { type: string, enum: [x, y] }'))]),
    ],
    [
      'request: schema given where the media type had none',
      true,
      noSchema('request'),
      media('request', 'application/json'),
    ],
    [
      'response: schema dropped from a media type',
      true,
      media('response', 'application/json'),
      noSchema('response'),
    ],
    [
      'request: schema dropped from a media type',
      false,
      media('request', 'application/json'),
      noSchema('request'),
    ],
    [
      'response: schema given where the media type had none',
      false,
      noSchema('response'),
      media('response', 'application/json'),
    ],
    [
      'response: media type parameter dropped',
      false,
      media('response', 'application/json; charset=utf-8'),
      media('response', 'application/json'),
    ],
    [
      'request: media type parameter added',
      false,
      media('request', 'application/json'),
      media('request', 'application/json; charset=utf-8'),
    ],
    [
      'response: media type became a wider range',
      true,
      media('response', 'application/json'),
      media('response', 'application/*'),
    ],
    [
      'response: media range became one type',
      false,
      media('response', 'application/*'),
      media('response', 'application/json'),
    ],
    [
      'request: media range became one type',
      true,
      media('request', 'application/*'),
      media('request', 'application/json'),
    ],
    [
      'request: media type became a wider range',
      false,
      media('request', 'application/json'),
      media('request', '*/*'),
    ],
    [
      'request: read-only property narrowed',
      false,
      request(ro(', maxLength: 10')),
      request(ro(', maxLength: 5')),
    ],
    [
      'request: read-only property loses an enum value',
      false,
      request(ro(', enum: [a, b]')),
      request(ro(', enum: [a]')),
    ],
    ['request: read-only property became required', false, request(ro('')), request(ro('', 'id'))],
    [
      'response: write-only property removed',
      false,
      response(wo('')),
      response(obj('name: { type: string }')),
    ],
    [
      'response: write-only property widened',
      false,
      response(wo(', maxLength: 5')),
      response(wo(', maxLength: 10')),
    ],
    [
      'response: required write-only property became optional',
      false,
      response(wo('', 'secret')),
      response(wo('')),
    ],
    [
      'response: value type of a map changed',
      true,
      response('{ type: object, additionalProperties: { type: integer } }'),
      response('{ type: object, additionalProperties: { type: string } }'),
    ],
    [
      'request: value type of a map changed',
      true,
      request('{ type: object, additionalProperties: { type: integer } }'),
      request('{ type: object, additionalProperties: { type: string } }'),
    ],
    [
      'response: property under allOf became optional',
      true,
      response(`{ allOf: [${obj('a: { type: string }', 'a')}, ${obj('b: { type: string }')}] }`),
      response(`{ allOf: [${obj('a: { type: string }')}, ${obj('b: { type: string }')}] }`),
    ],
    [
      'response: property under anyOf branch became nullable',
      true,
      response(`{ anyOf: [${obj('a: { type: string }', 'a')}, ${obj('b: { type: integer }', 'b')}] }`),
      response(
        `{ anyOf: [${obj("a: { type: [string, 'null'] }", 'a')}, ${obj('b: { type: integer }', 'b')}] }`,
      ),
    ],
    [
      'request: property in array items became required',
      true,
      request(`{ type: array, items: ${obj('a: { type: string }')} }`),
      request(`{ type: array, items: ${obj('a: { type: string }', 'a')} }`),
    ],
    [
      'request: const changed',
      true,
      request('{ type: string, const: a }'),
      request('{ type: string, const: b }'),
    ],
    [
      'response: const changed',
      true,
      response('{ type: string, const: a }'),
      response('{ type: string, const: b }'),
    ],
    [
      'request: required property given a default',
      false,
      request(obj('a: { type: string }', 'a')),
      request(obj('a: { type: string, default: x }', 'a')),
    ],
    [
      'response: number property became integer',
      false,
      response(obj('a: { type: number }')),
      response(obj('a: { type: integer }')),
    ],
    [
      'request: integer property became number',
      false,
      request(obj('a: { type: integer }')),
      request(obj('a: { type: number }')),
    ],
  ];
  return [
    ...params.map(([name, breaking, a, b]) => paramPair(name, breaking, a, b)),
    ...other.map(([name, breaking, base, head]) => ({ name: `catalogue: ${name}`, breaking, base, head })),
  ];
}

/** Swagger 2.0 against itself: form fields, `produces`/`consumes`, inline parameter schemas. */
function swagger2Cases(): EvalCase[] {
  const doc = `swagger: '2.0'
info: { title: Pets, version: 1.0.0 }
host: api.example.com
basePath: /v1
schemes: [https]
consumes: [application/json]
produces: [application/json]
securityDefinitions:
  oauth: { type: oauth2, flow: accessCode, authorizationUrl: 'https://id.example.com/auth', tokenUrl: 'https://id.example.com/token', scopes: { read: read, write: write } }
security: [{ oauth: [read] }]
paths:
  /pets/{id}/photo:
    post:
      consumes: [multipart/form-data]
      parameters:
        - { name: id, in: path, required: true, type: string }
        - { name: file, in: formData, required: true, type: file }
        - { name: caption, in: formData, type: string, maxLength: 100 }
      responses: { '204': { description: stored } }
  /pets:
    get:
      parameters:
        - { name: status, in: query, type: string, enum: [available, sold] }
        - { name: tags, in: query, type: array, items: { type: string }, collectionFormat: csv }
      responses:
        '200':
          description: ok
          schema: { type: array, items: { $ref: '#/definitions/Pet' } }
    post:
      parameters:
        - { name: body, in: body, required: true, schema: { $ref: '#/definitions/Pet' } }
      responses: { '201': { description: created } }
definitions:
  Pet:
    type: object
    required: [name]
    properties:
      name: { type: string }
      age: { type: integer }
`;
  const edit = editorOf(doc);
  const caption = '{ name: caption, in: formData, type: string, maxLength: 100 }';
  const cases: [string, boolean, string][] = [
    ['form field became required', true, edit(caption, caption.replace('type:', 'required: true, type:'))],
    // A warning, like a query parameter or an optional request body property removed: the server
    // ignores the field consumers still send.
    ['form field removed', false, edit(`        - ${caption}\n`, '')],
    ['form field narrowed', true, edit('maxLength: 100', 'maxLength: 50')],
    [
      'required form field added',
      true,
      edit(caption, `${caption}\n        - { name: tag, in: formData, required: true, type: string }`),
    ],
    [
      'produces no longer lists JSON',
      true,
      edit('produces: [application/json]', 'produces: [application/xml]'),
    ],
    [
      'consumes no longer lists JSON',
      true,
      edit('consumes: [application/json]', 'consumes: [application/xml]'),
    ],
    [
      'optional form field added',
      false,
      edit(caption, `${caption}\n        - { name: tag, in: formData, type: string }`),
    ],
    ['form field widened', false, edit('maxLength: 100', 'maxLength: 200')],
    [
      'produces gains XML',
      false,
      edit('produces: [application/json]', 'produces: [application/json, application/xml]'),
    ],
  ];
  return cases.map(([name, breaking, head]) => ({ name: `swagger 2.0: ${name}`, breaking, base: doc, head }));
}

/**
 * A message header spelt in another case: the same HTTP field over HTTP (RFC 9110), another
 * header over Kafka, whose consumers look it up by its exact name.
 */
function headerCaseCases(
  v3: (action: string, payload: string, extra?: string) => string,
): [string, boolean, string, string][] {
  const withHeader = (name: string, protocol: string) =>
    v3('send', '{ type: object }')
      .replace('protocol: kafka', `protocol: ${protocol}`)
      .replace(
        'Order: { payload: { type: object } }',
        `Order: { headers: { type: object, required: [${name}], properties: { ${name}: { type: string } } }, payload: { type: object } }`,
      );
  return [
    [
      'HTTP message header spelt in another case',
      false,
      withHeader('X-Trace', 'https'),
      withHeader('x-trace', 'https'),
    ],
    [
      'Kafka message header spelt in another case',
      true,
      withHeader('X-Trace', 'kafka'),
      withHeader('x-trace', 'kafka'),
    ],
  ];
}

/** Null in form fields: text fields cannot spell it, a multipart object part (JSON) can. */
function formNullCases(): EvalCase[] {
  const form = (mediaType: string, field: string) =>
    request('{ type: object }', '', '3.0.3')
      .replace('application/json', mediaType)
      .replace('{ type: object }', `{ type: object, properties: { ${field} } }`);
  const note = (nullable: string) => `note: { type: string${nullable} }`;
  const meta = (nullable: string) =>
    `meta: { type: object, properties: { by: { type: string${nullable} } } }`;
  const cases: [string, boolean, string, string][] = [
    [
      'URL-encoded text field no longer nullable',
      false,
      form('application/x-www-form-urlencoded', note(', nullable: true')),
      form('application/x-www-form-urlencoded', note('')),
    ],
    [
      'multipart object part no longer nullable inside',
      true,
      form('multipart/form-data', meta(', nullable: true')),
      form('multipart/form-data', meta('')),
    ],
  ];
  return cases.map(([name, breaking, base, head]) => ({ name: `form body: ${name}`, breaking, base, head }));
}

/** Webhooks and callbacks: the provider sends, consumers read the body (and answer). */
function webhookCases(): EvalCase[] {
  const doc = `openapi: 3.1.0
info: { title: Hooks, version: 1.0.0 }
paths:
  /subscriptions:
    post:
      requestBody:
        required: true
        content: { application/json: { schema: { type: object, properties: { url: { type: string } } } } }
      callbacks:
        onEvent:
          '{$request.body#/url}':
            post:
              requestBody:
                required: true
                content: { application/json: { schema: { type: object, required: [id], properties: { id: { type: string }, kind: { type: string, enum: [a, b] } } } } }
              responses:
                '204':
                  description: received
                  headers: { X-Ack-Id: { required: false, schema: { type: string } } }
      responses: { '201': { description: subscribed } }
webhooks:
  orderCreated:
    post:
      parameters:
        - { name: X-Hub-Signature, in: header, required: true, schema: { type: string } }
      requestBody:
        required: true
        content: { application/json: { schema: { type: object, required: [id], properties: { id: { type: string }, kind: { type: string, enum: [a, b] } } } } }
      responses: { '204': { description: received } }
`;
  const hook = (from: string, to: string, which: 'webhook' | 'callback') => {
    const at = doc.indexOf(which === 'webhook' ? 'webhooks:' : 'callbacks:');
    const i = doc.indexOf(from, at);
    if (i < 0) throw new Error(`eval case edits nothing: ${from}`);
    return doc.slice(0, i) + to + doc.slice(i + from.length);
  };
  const cases: [string, boolean, string][] = [
    ['webhook payload enum gains a value', true, hook('enum: [a, b]', 'enum: [a, b, c]', 'webhook')],
    ['webhook payload field became optional', true, hook('required: [id], ', '', 'webhook')],
    ['webhook removed', true, doc.slice(0, doc.indexOf('webhooks:'))],
    [
      'callback payload field retyped',
      true,
      hook('id: { type: string }', 'id: { type: integer }', 'callback'),
    ],
    ['webhook payload enum loses a value', false, hook('enum: [a, b]', 'enum: [a]', 'webhook')],
    [
      'webhook payload gains an optional field',
      false,
      hook(
        'kind: { type: string, enum: [a, b] }',
        'kind: { type: string, enum: [a, b] }, note: { type: string }',
        'webhook',
      ),
    ],
    [
      'callback payload field became required',
      false,
      hook('required: [id]', 'required: [id, kind]', 'callback'),
    ],
    ['callback renamed, its URL expression kept', false, hook('onEvent:', 'onChange:', 'callback')],
    [
      'webhook signature header no longer sent',
      true,
      hook(
        '- { name: X-Hub-Signature, in: header, required: true, schema: { type: string } }',
        '',
        'webhook',
      ),
    ],
    [
      'webhook signature header became optional',
      true,
      hook('in: header, required: true', 'in: header, required: false', 'webhook'),
    ],
    [
      'callback answer header became required',
      true,
      hook('X-Ack-Id: { required: false', 'X-Ack-Id: { required: true', 'callback'),
    ],
    ['webhook header name in another case', false, hook('X-Hub-Signature', 'x-hub-signature', 'webhook')],
    [
      'webhook sends a new required header',
      false,
      hook(
        '- { name: X-Hub-Signature, in: header',
        '- { name: X-Delivery, in: header, required: true }\n        - { name: X-Hub-Signature, in: header',
        'webhook',
      ),
    ],
    [
      'callback answer header no longer listed',
      false,
      hook('headers: { X-Ack-Id: { required: false, schema: { type: string } } }', 'headers: {}', 'callback'),
    ],
  ];
  return cases.map(([name, breaking, head]) => ({ name: `webhooks: ${name}`, breaking, base: doc, head }));
}

export const CASES: readonly EvalCase[] = [
  ...schemaCases(),
  ...compositionCases(),
  ...structureCases(),
  ...serverAndSecurityCases(),
  ...swaggerConversionCases(),
  ...asyncApiCases(),
  ...catalogueCases(),
  ...swagger2Cases(),
  ...webhookCases(),
  ...formNullCases(),
  ...oasdiffFixtureCases(),
  ...asyncApiExampleCases(),
  ...openapiDiffFixtureCases(),
];
