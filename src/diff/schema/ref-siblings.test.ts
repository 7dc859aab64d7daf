/**
 * Keywords beside a `$ref` in a schema: OpenAPI 3.0 and Swagger 2.0 ignore them (a JSON Reference
 * stands for its target alone), OpenAPI 3.1 reads them (JSON Schema 2020-12: the reference is one
 * more constraint of the schema). So a sibling `maxLength`, `readOnly` or `deprecated` creates or
 * hides a finding in 3.1 and neither in 3.0 or 2.0, while a change behind the reference counts in all.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

type Version = '2.0' | '3.0.3' | '3.1.0';

/** An order sent to POST /orders and returned by it, with `props` (YAML flow) and `Name`. */
function doc(version: Version, props: string, name = '{ type: string }'): string {
  const ref = (n: string) => (version === '2.0' ? `#/definitions/${n}` : `#/components/schemas/${n}`);
  const schemas = `    Order: { type: object, properties: ${props.replaceAll('@', ref('')).replaceAll('@', '')} }
    Name: ${name}
`;
  if (version === '2.0')
    return `swagger: '2.0'
info: { title: t, version: 1.0.0 }
paths:
  /orders:
    post:
      consumes: [application/json]
      produces: [application/json]
      parameters: [{ in: body, name: body, required: true, schema: { $ref: '${ref('Order')}' } }]
      responses: { '200': { description: ok, schema: { $ref: '${ref('Order')}' } } }
definitions:
${schemas.replace(/^ {2}/gm, '')}`;
  return `openapi: ${version}
info: { title: t, version: 1.0.0 }
paths:
  /orders:
    post:
      requestBody: { required: true, content: { application/json: { schema: { $ref: '${ref('Order')}' } } } }
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '${ref('Order')}' } } } } }
components:
  schemas:
${schemas}`;
}

async function findings(base: string, head: string): Promise<string[]> {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => `${c.severity} ${c.id}`).sort();
}

const IGNORING: Version[] = ['3.0.3', '2.0'];

describe('a constraint beside a $ref', () => {
  const base = (v: Version) => doc(v, `{ name: { $ref: '@Name' } }`);
  const head = (v: Version) => doc(v, `{ name: { $ref: '@Name', maxLength: 3 } }`);

  it('narrows a request in 3.1', async () => {
    expect(await findings(base('3.1.0'), head('3.1.0'))).toContain('error request-constraint-narrowed');
  });

  it.each(IGNORING)('is ignored in %s', async (v) => {
    expect(await findings(base(v), head(v))).toEqual([]);
  });
});

describe('nullable beside a $ref', () => {
  // JSON Schema 2020-12: siblings apply with the target, and `nullable` is no keyword of it.
  it.each([`nullable: true`, `type: [string, 'null']`])(
    'admits no null in 3.1 where the target does not (%s)',
    async (sibling) => {
      expect(
        await findings(
          doc('3.1.0', `{ name: { $ref: '@Name' } }`),
          doc('3.1.0', `{ name: { $ref: '@Name', ${sibling} } }`),
        ),
      ).toEqual([]);
    },
  );

  it.each(IGNORING)('is ignored in %s: dropping it narrows nothing', async (v) => {
    const nullable = v === '2.0' ? 'x-nullable' : 'nullable';
    expect(
      await findings(
        doc(v, `{ name: { $ref: '@Name', ${nullable}: true } }`),
        doc(v, `{ name: { $ref: '@Name' } }`),
      ),
    ).toEqual([]);
  });
});

describe('readOnly beside a $ref', () => {
  // A required property added: clients must now send it, unless it is read-only (they never do).
  const base = (v: Version) => doc(v, `{ name: { $ref: '@Name' } }`);
  const head = (v: Version) =>
    doc(v, `{ name: { $ref: '@Name' }, id: { $ref: '@Name', readOnly: true } }`).replace(
      'Order: { type: object,',
      'Order: { type: object, required: [id],',
    );

  it('hides the property from requests in 3.1', async () => {
    expect((await findings(base('3.1.0'), head('3.1.0'))).filter((f) => !f.startsWith('info'))).toEqual([]);
  });

  it.each(IGNORING)('is ignored in %s: clients must now send it', async (v) => {
    expect(await findings(base(v), head(v))).toContain('error request-required-property-added');
  });
});

describe('deprecated beside a $ref', () => {
  const base = (v: Version) =>
    doc(v, `{ name: { $ref: '@Name' }, legacy: { $ref: '@Name', deprecated: true } }`);
  const head = (v: Version) => doc(v, `{ name: { $ref: '@Name' } }`);

  it('announces the removal in 3.1', async () => {
    expect(await findings(base('3.1.0'), head('3.1.0'))).toContain(
      'info response-deprecated-property-removed',
    );
  });

  it.each(IGNORING)('is ignored in %s: the removal was not announced', async (v) => {
    expect(await findings(base(v), head(v))).toContain('warning response-property-removed');
  });
});

describe('a description beside a $ref', () => {
  it.each([...IGNORING, '3.1.0' as const])(
    'says nothing in %s, and hides nothing behind the ref',
    async (v) => {
      expect(
        await findings(
          doc(v, `{ name: { $ref: '@Name', description: before } }`),
          doc(v, `{ name: { $ref: '@Name', description: after } }`),
        ),
      ).toEqual([]);
      expect(
        await findings(
          doc(v, `{ name: { $ref: '@Name', description: before } }`),
          doc(v, `{ name: { $ref: '@Name', description: after } }`, '{ type: string, maxLength: 3 }'),
        ),
      ).toContain('error request-constraint-narrowed');
    },
  );
});

describe('in an AsyncAPI payload (JSON Schema draft-07, whose $ref siblings are ignored)', () => {
  const events = (name: string) => `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    publish:
      operationId: placeOrder
      message:
        payload: { type: object, properties: { name: ${name} } }
components:
  schemas:
    Name: { type: string }
`;

  it('a constraint beside a $ref is ignored', async () => {
    expect(
      await findings(
        events(`{ $ref: '#/components/schemas/Name' }`),
        events(`{ $ref: '#/components/schemas/Name', maxLength: 3 }`),
      ),
    ).toEqual([]);
  });

  it('a change behind the $ref still counts', async () => {
    expect(
      await findings(
        events(`{ $ref: '#/components/schemas/Name', description: d }`),
        events(`{ $ref: '#/components/schemas/Name', description: d }`).replace(
          'Name: { type: string }',
          'Name: { type: string, maxLength: 3 }',
        ),
      ),
    ).toContain('error request-constraint-narrowed');
  });
});
