import { describe, expect, it } from 'vitest';
import { diffFiles, diffTexts } from '../../../test/support/diff-pair.js';
import { lineIn } from '../load.js';

// OpenAPI's inheritance model (subtypes.ts): Pet holds the discriminator, Cat and Dog extend it
// through allOf, and operations answer with or take a Pet.
interface Pets {
  /** Pet's own properties, YAML flow mapping entries. */
  pet?: string;
  /** Cat's own properties and required list. */
  cat: string;
  catRequired?: string;
  /** The discriminator's mapping, YAML flow mapping entries; none: values are the schema names. */
  mapping?: string;
  /** Cat's own component name. */
  catName?: string;
  /** Lion's own properties (Lion extends Cat): none, no Lion. */
  lion?: string;
  lionRequired?: string;
}

function pets({
  pet = 'name: { type: string }',
  cat,
  catRequired,
  mapping,
  catName = 'Cat',
  lion,
  lionRequired,
}: Pets): string {
  const body = (schema: string) =>
    `content: { application/json: { schema: { $ref: '#/components/schemas/${schema}' } } }`;
  return `openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
paths:
  /pets:
    get:
      responses:
        '200': { description: ok, ${body('Pet')} }
    post:
      requestBody: { required: true, ${body('Pet')} }
      responses:
        '204': { description: stored }
  /cats/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: ok, ${body(catName)} }
components:
  schemas:
    Pet:
      type: object
      required: [petType]
      properties: { petType: { type: string }, ${pet} }
      discriminator: { propertyName: petType${mapping ? `, mapping: { ${mapping} }` : ''} }
    ${catName}:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - type: object
${catRequired ? `          required: [${catRequired}]\n` : ''}          properties: { ${cat} }
    Dog:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - { type: object, properties: { bark: { type: string } } }
${lion === undefined ? '' : lionOf(catName, lion, lionRequired)}`;
}

function lionOf(catName: string, lion: string, lionRequired?: string): string {
  return `    Lion:
      allOf:
        - $ref: '#/components/schemas/${catName}'
        - type: object
${lionRequired ? `          required: [${lionRequired}]\n` : ''}          properties: { ${lion} }
`;
}

async function changesOf(base: Pets, head: Pets) {
  const headText = pets(head);
  const { changes, problems, documents } = await diffTexts(pets(base), headText);
  return {
    problems,
    changes: changes.map((c) => ({
      id: c.id,
      message: c.message.replace(/\n\s+/g, ' '),
      operations: c.operations,
      line: c.head && lineIn(documents.head.get(c.head.file), c.head.pointer),
    })),
    lineOf: (text: string) => headText.split('\n').findIndex((l) => l.includes(text)) + 1,
  };
}

const CAT = 'meow: { type: string }, lives: { type: integer }';

describe('a subtype of a discriminator holder changed', () => {
  it('is reported once, at the subtype, for every operation that reaches it directly or through the holder', async () => {
    const { changes, problems, lineOf } = await changesOf(
      { cat: CAT, catRequired: 'meow' },
      { cat: 'lives: { type: integer }' },
    );
    expect(problems).toEqual([]);
    const removed = changes.filter((c) => c.id === 'response-required-property-removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.operations).toEqual(['GET /pets', 'GET /cats/{id}']);
    expect(removed[0]!.line).toBe(lineOf('    Cat:'));
  });

  it('names the field through the subtype the discriminator value selects', async () => {
    const { changes } = await changesOf(
      { cat: CAT, mapping: "cat: '#/components/schemas/Cat'" },
      { cat: CAT, catRequired: 'meow', mapping: "cat: '#/components/schemas/Cat'" },
    );
    const requests = changes.filter((c) => c.id.startsWith('request-'));
    expect(requests.map((c) => [c.id, c.operations])).toEqual([
      ['request-property-became-required', ['POST /pets']],
    ]);
    expect(requests[0]!.message).toContain('Request field `<Cat>.meow` of `POST /pets` became required');
  });

  it('is judged in both directions: what readers lose breaks responses, what senders must add requests', async () => {
    const { changes } = await changesOf({ cat: CAT, catRequired: 'meow' }, { cat: CAT });
    const errors = changes.filter((c) => c.id.endsWith('became-optional'));
    expect(errors.map((c) => [c.id, c.operations])).toEqual([
      ['response-property-became-optional', ['GET /pets', 'GET /cats/{id}']],
      ['request-property-became-optional', ['POST /pets']],
    ]);
  });

  it("leaves the holder's own change to the holder: once, at its line, for Pet's and Cat's readers alike", async () => {
    const { changes, lineOf } = await changesOf(
      { cat: CAT },
      { cat: CAT, pet: 'nickname: { type: string }' },
    );
    const removed = changes.filter((c) => c.id === 'response-property-removed');
    expect(removed.map((c) => [c.message.split(' was removed')[0], c.operations, c.line])).toEqual([
      ['Response field `name` of schema `Pet`', ['GET /pets', 'GET /cats/{id}'], lineOf('    Pet:')],
    ]);
  });

  it('renamed, its mapping following it: still the subtype of that value, its change reported once', async () => {
    const mapping = (name: string) => `cat: '#/components/schemas/${name}'`;
    const { changes, problems } = await changesOf(
      { cat: CAT, catRequired: 'meow', mapping: mapping('Cat') },
      { cat: 'lives: { type: integer }', mapping: mapping('Feline'), catName: 'Feline' },
    );
    expect(problems).toEqual([]);
    expect(changes.filter((c) => c.id.includes('discriminator'))).toEqual([]);
    const removed = changes.filter((c) => c.id === 'response-required-property-removed');
    expect(removed.map((c) => c.operations)).toEqual([['GET /pets', 'GET /cats/{id}']]);
  });

  it('mapped to a schema that cannot be found: a problem naming the mapping, that subtype not compared', async () => {
    const { problems } = await changesOf(
      { cat: CAT, mapping: "cat: '#/components/schemas/Cat'" },
      { cat: 'meow: { type: integer }', mapping: "cat: '#/components/schemas/Kat'" },
    );
    expect(problems.map((p) => [p.code, p.side, p.pointer])).toEqual([
      ['unresolved-ref', 'head', '/components/schemas/Pet/discriminator'],
    ]);
  });
});

describe('a subtype of a subtype (Lion extends Cat, which extends Pet)', () => {
  const LION = 'roar: { type: string }, mane: { type: boolean }';

  it("is one of Pet's subtypes and of Cat's: its change reaches both readers, once, at Lion", async () => {
    const { changes, problems, lineOf } = await changesOf(
      { cat: CAT, lion: LION, lionRequired: 'roar' },
      { cat: CAT, lion: 'mane: { type: boolean }' },
    );
    expect(problems).toEqual([]);
    const removed = changes.filter((c) => c.id === 'response-required-property-removed');
    expect(removed.map((c) => [c.operations, c.line])).toEqual([
      [['GET /pets', 'GET /cats/{id}'], lineOf('    Lion:')],
    ]);
    expect(removed[0]!.message).toContain('Response field `roar` of schema `Lion`');
  });

  it("leaves Cat's own change to Cat: not repeated under Lion, which merges it", async () => {
    const { changes, lineOf } = await changesOf(
      { cat: CAT, catRequired: 'meow', lion: LION },
      { cat: 'lives: { type: integer }', lion: LION },
    );
    const removed = changes.filter((c) => c.id === 'response-required-property-removed');
    expect(removed.map((c) => [c.operations, c.line])).toEqual([
      [['GET /pets', 'GET /cats/{id}'], lineOf('    Cat:')],
    ]);
  });

  it("added, is a new value of Pet's discriminator for Pet's and Cat's readers", async () => {
    const { changes } = await changesOf({ cat: CAT }, { cat: CAT, lion: LION });
    const added = changes.filter((c) => c.id === 'response-discriminator-mapping-added');
    expect(added.map((c) => [c.operations, c.message.split(' —')[0]])).toEqual([
      [['GET /pets', 'GET /cats/{id}'], 'Response schema `Pet` gained discriminator values Lion'],
    ]);
  });
});

describe('a subtype in another file than its parent', () => {
  // Pet in schemas/pet.yaml, Cat in api.yaml: the discriminator reaches Cat as `../api.yaml#…`.
  const PET = `components:
  schemas:
    Pet:
      type: object
      required: [petType]
      properties: { petType: { type: string } }
      discriminator: { propertyName: petType }
`;
  const api = (catRequired: string) => `openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
paths:
  /pets:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: 'schemas/pet.yaml#/components/schemas/Pet' } } } }
components:
  schemas:
    Cat:
      allOf:
        - $ref: 'schemas/pet.yaml#/components/schemas/Pet'
        - { type: object, required: [${catRequired}], properties: { meow: { type: string } } }
`;

  it('is still one of its subtypes: its change reaches the readers of the parent', async () => {
    const { changes, problems } = await diffFiles(
      { 'api.yaml': api('meow'), 'schemas/pet.yaml': PET },
      { 'api.yaml': api(''), 'schemas/pet.yaml': PET },
    );
    expect(problems).toEqual([]);
    expect(changes.map((c) => [c.id, c.operations])).toEqual([
      ['response-property-became-optional', ['GET /pets']],
    ]);
  });
});
