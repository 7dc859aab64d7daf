import { createRequire } from 'node:module';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { parseLocated } from '../core/located-document.js';
import type { LocatedDocument } from '../core/located-document.js';
import type { ContractFiles } from './contract-validation.js';
import { createContractValidator } from './contract-validation.js';

function contract(kind: ContractFiles['kind'], files: Record<string, string>): ContractFiles {
  const documents = new Map<string, LocatedDocument>();
  for (const [path, text] of Object.entries(files)) {
    const parsed = parseLocated(path, text);
    if (parsed.kind !== 'ok') throw new Error(`${path} does not parse`);
    documents.set(path, parsed.document);
  }
  const [rootFile, rootText] = Object.entries(files)[0]!;
  return { kind, rootFile, rootText, documents };
}

const OPENAPI_31_INVALID = `openapi: 3.1.0
info: { title: Orders, version: '1' }
paths:
  /orders:
    get:
      parameters: [{ name: q, in: nowhere }]
      responses: { '200': { description: ok } }
`;

const OPENAPI_30_CIRCULAR_INVALID = `openapi: 3.0.3
info: { title: Orders }
paths:
  /orders:
    get:
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Node' } } } } }
      surprise: true
components:
  schemas:
    Node: { type: object, properties: { next: { $ref: '#/components/schemas/Node' } } }
`;

/** Valid against the schema; the spec checks (Swagger 2.0 only) find the undeclared path parameter. */
const SWAGGER_SPEC_INVALID = `swagger: '2.0'
info: { title: Orders, version: '1' }
paths:
  /orders/{id}:
    get: { operationId: get, responses: { '200': { description: ok } } }
`;

const SWAGGER_INVALID = `swagger: '2.0'
info: { title: Orders, version: '1' }
paths: { /orders: { get: { responses: { '200': {} } } } }
extra: 1
`;

/** The same document checked the way swagger-parser does it by itself (schema compiled per call). */
async function swaggerParserProblems(text: string): Promise<{ pointer: string; message: string }[]> {
  const api = parseLocated('api.yaml', text);
  if (api.kind !== 'ok') throw new Error('does not parse');
  try {
    await SwaggerParser.validate(structuredClone(api.document.value) as never);
    return [];
  } catch (error) {
    const e = error as {
      message: string;
      details?: { instancePath: string; message?: string; params?: Record<string, unknown> }[];
    };
    if (!e.details) return [{ pointer: '', message: e.message.split('\n')[0]! }];
    return e.details.slice(0, 20).map((d) => ({
      pointer: d.instancePath,
      message: `${d.instancePath || '/'} ${d.message ?? 'is invalid'}${d.params?.additionalProperty ? ` ("${String(d.params.additionalProperty)}")` : ''}`,
    }));
  }
}

describe('contract validation', () => {
  it('finds what swagger-parser finds, with its schema compiled once', { timeout: 60_000 }, async () => {
    const validator = createContractValidator();
    for (const text of [
      OPENAPI_31_INVALID,
      OPENAPI_30_CIRCULAR_INVALID,
      SWAGGER_SPEC_INVALID,
      SWAGGER_INVALID,
    ]) {
      const problems = await validator.validate(contract('openapi', { 'api.yaml': text }));
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.map(({ pointer, message }) => ({ pointer, message }))).toEqual(
        await swaggerParserProblems(text),
      );
    }
  });

  it(
    'validates AsyncAPI documents one after another, whatever schema ids they carry',
    { timeout: 60_000 },
    async () => {
      const validator = createContractValidator();
      // A payload schema claiming the AsyncAPI spec schema's own $id, validated first: it must not
      // replace the spec schema for the documents after it.
      const forged = await validator.validate(
        contract('asyncapi', {
          'forged.yaml': `asyncapi: 3.0.0
info: { title: Forged, version: 1.0.0 }
channels:
  a:
    address: a
    messages:
      m: { payload: { $id: 'http://asyncapi.com/definitions/3.0.0/asyncapi-resolved.json', type: object } }
`,
        }),
      );
      expect(forged).toEqual([]);
      const invalid = await validator.validate(
        contract('asyncapi', {
          'events.yaml': `asyncapi: 3.0.0
info: { title: Events, version: 1.0.0 }
channels: { a: { address: a } }
operations:
  op: { action: sendd, channel: { $ref: '#/channels/a' } }
`,
        }),
      );
      expect(invalid).toEqual([
        expect.objectContaining({ file: 'events.yaml', pointer: '/operations/op/action' }),
      ]);
      // Example validation against a payload with an $id, then another document reusing that $id
      // with a different schema: each is checked against its own.
      const examples = (type: string, example: string) =>
        contract('asyncapi', {
          [`examples-${type}.yaml`]: `asyncapi: 2.6.0
info: { title: Examples, version: 1.0.0 }
channels:
  c:
    subscribe:
      message:
        payload: { $id: 'https://example.com/payload.json', type: object, properties: { n: { type: ${type} } } }
        examples: [{ payload: { n: ${example} } }]
`,
        });
      expect(await validator.validate(examples('integer', '"text"'))).toEqual([
        expect.objectContaining({ pointer: '/channels/c/subscribe/message/examples/0/payload/n' }),
      ]);
      expect(await validator.validate(examples('string', '"text"'))).toEqual([]);
    },
  );

  it("compiles the AsyncAPI spec schema once per process (Spectral's per-document Ajv is bypassed for it)", async () => {
    const validator = createContractValidator();
    await validator.validate(
      contract('asyncapi', { 'a.yaml': 'asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\n' }),
    );
    const spectral = createRequire(import.meta.url)('@stoplight/spectral-functions/dist/schema/ajv.js') as {
      createAjvInstances: { trusted?: WeakSet<object> };
    };
    expect(spectral.createAjvInstances.trusted).toBeInstanceOf(WeakSet);
  });

  it('remembers results by content, within its bound', async () => {
    const validator = createContractValidator({ cachedResults: 1 });
    const a = contract('openapi', { 'api.yaml': SWAGGER_SPEC_INVALID });
    const b = contract('openapi', { 'api.yaml': OPENAPI_31_INVALID });
    const first = await validator.validate(a);
    // Same content, new objects: the remembered result.
    expect(await validator.validate(contract('openapi', { 'api.yaml': SWAGGER_SPEC_INVALID }))).toBe(first);
    // Another path is another key (messages name the file).
    expect(await validator.validate(contract('openapi', { 'other.yaml': SWAGGER_SPEC_INVALID }))).not.toBe(
      first,
    );
    await validator.validate(b);
    const again = await validator.validate(a);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });

  it('refuses, with the reason, a contract whose $refs fan out and meet again instead of validating it forever', async () => {
    const validator = createContractValidator();
    // Each schema combines the one before twice: 2^40 paths from a few lines.
    for (const kind of ['openapi', 'asyncapi'] as const)
      expect(await validator.validate(fanOut(kind, 40))).toEqual([
        {
          file: 'api.yaml',
          pointer: '',
          message: expect.stringMatching(
            /^its \$refs resolve to more than 20,000,000 values .* not validated/,
          ),
        },
      ]);
    // Sharing of an ordinary depth is validated as usual (and these documents are valid).
    for (const kind of ['openapi', 'asyncapi'] as const)
      expect(await validator.validate(fanOut(kind, 3))).toEqual([]);
  });

  it('validates an OpenAPI contract whose fan-out reaches a cycle: swagger-parser leaves those $refs in place', async () => {
    // Published descriptions are shaped so (Stripe's, Microsoft Graph's: resources that link back to
    // their own kind), and were refused as unbounded; swagger-parser validates them in seconds.
    const cyclic = fanOut('openapi', 40, { cycle: true });
    expect(await createContractValidator().validate(cyclic)).toEqual([]);
    // An invalid one is still found invalid.
    const invalid = fanOut('openapi', 40, { cycle: true, extra: '      surprise: true\n' });
    expect(await createContractValidator().validate(invalid)).toEqual([
      expect.objectContaining({ file: 'api.yaml', pointer: '/paths/~1x/get' }),
    ]);
  });
});

describe('contract validation of what a repository writes', () => {
  it('checks an AsyncAPI example against a pattern V8 would backtrack on forever, at once', async () => {
    const evil = contract('asyncapi', {
      'events.yaml': `asyncapi: 2.6.0
info: { title: Evil, version: 1.0.0 }
channels:
  c:
    subscribe:
      message:
        payload: { type: object, properties: { code: { type: string, pattern: '^(a+)+$' } } }
        examples:
          - payload: { code: "${'a'.repeat(40)}!" }
          - payload: { code: "aaaa" }
`,
    });
    expect(await createContractValidator().validate(evil)).toEqual([
      {
        file: 'events.yaml',
        pointer: '/channels/c/subscribe/message/examples/0/payload/code',
        message: '"code" property must match pattern "^(a+)+$"',
      },
    ]);
  });
});

/**
 * A contract whose schema `S<i>` combines `S<i-1>` twice, `depth` levels deep, used as a body;
 * `cycle`: `S0` refers to itself too. `extra`: lines added to the operation.
 */
function fanOut(
  kind: ContractFiles['kind'],
  depth: number,
  options: { cycle?: boolean; extra?: string } = {},
): ContractFiles {
  const chain = Array.from({ length: depth }, (_, i) => {
    const ref = `{ $ref: '#/components/schemas/S${i}' }`;
    return `    S${i + 1}: { allOf: [${ref}, ${ref}] }`;
  }).join('\n');
  const next = options.cycle ? `, next: { $ref: '#/components/schemas/S0' }` : '';
  const components = `components:\n  schemas:\n    S0: { type: object, properties: { a: { type: string }${next} } }\n${chain}\n`;
  const body = `{ $ref: '#/components/schemas/S${depth}' }`;
  const text =
    kind === 'openapi'
      ? `openapi: 3.0.3
info: { title: Fan-out, version: '1' }
paths:
  /x:
    get:
      responses: { '200': { description: ok, content: { application/json: { schema: ${body} } } } }
${options.extra ?? ''}${components}`
      : `asyncapi: 3.0.0
info: { title: Fan-out, version: '1' }
channels:
  x:
    messages:
      m: { payload: ${body} }
${components}`;
  return contract(kind, { 'api.yaml': text });
}
