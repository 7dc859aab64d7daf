/**
 * What a webhook or callback request carries besides its body (its parameters, read by consumers)
 * and the headers consumers answer it with (read by the provider), through the real door: two
 * documents diffed. Each case says what one change reports, and the near cases where the direction
 * turned around means nothing is reported.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

async function changes(base: string, head: string) {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  return {
    problems: result.problems.map((p) => p.message),
    changes: result.changes.map((c) => [c.id, c.severity, c.message.split(' — ')[0]!.replace(/\.$/, '')]),
  };
}

/** A webhook whose request carries `params` (YAML flow items) and whose 200 answer has `headers`. */
function webhook(params: string[], headers: string[] = [], itemParams: string[] = []): string {
  const list = (items: string[], indent: string) => items.map((p) => `${indent}- ${p}\n`).join('');
  return `openapi: 3.1.0
info: { title: Hooks, version: 1.0.0 }
webhooks:
  orderShipped:
${itemParams.length ? `    parameters:\n${list(itemParams, '      ')}` : ''}    post:
${params.length ? `      parameters:\n${list(params, '        ')}` : ''}      requestBody:
        content: { application/json: { schema: { type: object } } }
      responses:
        '200':
          description: received
${headers.length ? `          headers:\n${headers.map((h) => `            ${h}\n`).join('')}` : ''}`;
}

const SIGNATURE = '{ name: X-Hub-Signature, in: header, required: true, schema: { type: string } }';
const HOOK = '`webhook orderShipped (POST)`';

describe('the parameters a webhook request carries (consumers read them)', () => {
  it('reports a required header no longer sent as an error, naming it as the base wrote it', async () => {
    expect(await changes(webhook([SIGNATURE]), webhook([]))).toEqual({
      problems: [],
      changes: [
        [
          'webhook-required-parameter-removed',
          'error',
          `Header parameter \`X-Hub-Signature\` of ${HOOK} is no longer sent (it was required)`,
        ],
      ],
    });
  });

  it('pairs a header whose name changed only in case with itself: nothing changed', async () => {
    const lower = SIGNATURE.replace('X-Hub-Signature', 'x-hub-signature');
    expect(await changes(webhook([SIGNATURE]), webhook([lower]))).toEqual({ problems: [], changes: [] });
  });

  it('tells query parameters apart by case: one gone, one new (which consumers need not read)', async () => {
    const query = (name: string) => `{ name: ${name}, in: query, schema: { type: string } }`;
    expect((await changes(webhook([query('Event')]), webhook([query('event')]))).changes).toEqual([
      ['webhook-parameter-removed', 'warning', `Query parameter \`Event\` of ${HOOK} is no longer sent`],
    ]);
  });

  it('reports a required header become optional as an error; optional become required is nothing', async () => {
    const optional = SIGNATURE.replace('required: true', 'required: false');
    expect((await changes(webhook([SIGNATURE]), webhook([optional]))).changes).toEqual([
      [
        'webhook-parameter-became-optional',
        'error',
        `Header parameter \`X-Hub-Signature\` of ${HOOK} became optional`,
      ],
    ]);
    expect((await changes(webhook([optional]), webhook([SIGNATURE]))).changes).toEqual([]);
  });

  it('reports a query parameter the provider may now send empty or unencoded; the reverse is nothing', async () => {
    const query = (flags: string) => `{ name: source, in: query, ${flags} schema: { type: string } }`;
    for (const [flag, id, said] of [
      ['allowEmptyValue', 'webhook-parameter-empty-value-allowed', 'an empty value'],
      ['allowReserved', 'webhook-parameter-reserved-allowed', 'reserved characters unencoded'],
    ] as const) {
      expect((await changes(webhook([query('')]), webhook([query(`${flag}: true,`)]))).changes).toEqual([
        [id, 'error', `Query parameter \`source\` of ${HOOK} may now be sent with ${said} (${flag} added)`],
      ]);
      // The provider no longer sending them: consumers meet fewer forms, none new.
      expect((await changes(webhook([query(`${flag}: true,`)]), webhook([query('')]))).changes).toEqual([]);
    }
  });

  it("reports a deprecated parameter's sunset moved earlier; moved later is nothing", async () => {
    const legacy = (date: string) =>
      `{ name: legacy, in: query, deprecated: true, x-sunset: '${date}', schema: { type: string } }`;
    expect((await changes(webhook([legacy('2031-06-01')]), webhook([legacy('2031-01-01')]))).changes).toEqual(
      [
        [
          'webhook-parameter-sunset-brought-forward',
          'error',
          `Query parameter \`legacy\` of ${HOOK} moved its sunset date from 2031-06-01 to 2031-01-01`,
        ],
      ],
    );
    expect((await changes(webhook([legacy('2031-01-01')]), webhook([legacy('2031-06-01')]))).changes).toEqual(
      [],
    );
  });

  it('reports nothing for a parameter the provider starts sending, required or not', async () => {
    const added = '{ name: X-Hub-Signature-256, in: header, required: true, schema: { type: string } }';
    expect((await changes(webhook([SIGNATURE]), webhook([SIGNATURE, added]))).changes).toEqual([]);
  });

  it('judges its schema as consumers read it: a new value breaks them, one fewer does not', async () => {
    const event = (values: string) =>
      `{ name: X-Event, in: header, required: true, schema: { type: string, enum: [${values}] } }`;
    const widened = await changes(webhook([event('push, pull')]), webhook([event('push, pull, tag')]));
    expect(widened.changes.map(([id, severity]) => [id, severity])).toEqual([
      ['response-enum-value-added', 'error'],
    ]);
    expect(widened.changes[0]![2]).toBe(`Header parameter \`X-Event\` of ${HOOK} allows new values "tag"`);
    const narrowed = await changes(webhook([event('push, pull')]), webhook([event('push')]));
    expect(narrowed.changes.filter(([, severity]) => severity !== 'info')).toEqual([]);
  });

  it("compares the path item's parameters, though the operation itself did not change", async () => {
    expect((await changes(webhook([], [], [SIGNATURE]), webhook([]))).changes).toEqual([
      [
        'webhook-required-parameter-removed',
        'error',
        `Header parameter \`X-Hub-Signature\` of ${HOOK} is no longer sent (it was required)`,
      ],
    ]);
  });

  it('says a parameter declared twice in the head as a problem, the first one compared', async () => {
    const again = SIGNATURE.replace('X-Hub-Signature', 'x-hub-signature').replace(
      'required: true',
      'required: false',
    );
    const result = await changes(webhook([SIGNATURE]), webhook([SIGNATURE, again]));
    expect(result.changes).toEqual([]);
    expect(result.problems).toEqual([
      `Header parameter \`x-hub-signature\` of ${HOOK} is declared twice (first as \`X-Hub-Signature\`: header names ignore case); only the first declaration was compared.`,
    ]);
  });

  it('reports a component parameter many webhooks send, removed from them, as one change', async () => {
    const doc = (refs: string) => `openapi: 3.1.0
info: { title: Hooks, version: 1.0.0 }
webhooks:
  a: { post: { parameters: [${refs}], responses: { '200': { description: ok } } } }
  b: { post: { parameters: [${refs}], responses: { '200': { description: ok } } } }
components:
  parameters:
    Signature: ${SIGNATURE}
`;
    const result = await diffTexts(doc("$ref: '#/components/parameters/Signature'"), doc(''));
    expect(result.changes.map((c) => [c.id, c.operations])).toEqual([
      ['webhook-required-parameter-removed', ['webhook a (POST)', 'webhook b (POST)']],
    ]);
    expect(result.changes[0]!.message).toMatch(/^Header parameter `X-Hub-Signature` is no longer sent/);
  });
});

describe('the parameters of a callback request', () => {
  it("are compared as a webhook's, the change affecting the operation that registers it", async () => {
    const doc = (params: string) => `openapi: 3.1.0
info: { title: Hooks, version: 1.0.0 }
paths:
  /subscriptions:
    post:
      responses: { '201': { description: subscribed } }
      callbacks:
        onEvent:
          '{$request.body#/url}':
            post:
              parameters: [${params}]
              responses: { '204': { description: received } }
`;
    const result = await diffTexts(doc(SIGNATURE), doc(''));
    expect(result.changes.map((c) => [c.id, c.operations])).toEqual([
      ['webhook-required-parameter-removed', ['POST /subscriptions']],
    ]);
  });
});

describe('the headers consumers answer a webhook with (the provider reads them)', () => {
  const ack = (required: boolean) => `X-Ack-Id: { required: ${required}, schema: { type: string } }`;
  const answer = `response 200 of ${HOOK}`;

  it('reports a header the provider now requires, new or made so, as an error', async () => {
    expect((await changes(webhook([]), webhook([], [ack(true)]))).changes).toEqual([
      [
        'webhook-response-header-added-required',
        'error',
        `Response header \`X-Ack-Id\` of ${answer} was added as required`,
      ],
    ]);
    expect((await changes(webhook([], [ack(false)]), webhook([], [ack(true)]))).changes).toEqual([
      [
        'webhook-response-header-became-required',
        'error',
        `Response header \`X-Ack-Id\` of ${answer} became required`,
      ],
    ]);
  });

  it('reports nothing for a header new and optional, or now optional', async () => {
    expect((await changes(webhook([]), webhook([], [ack(false)]))).changes).toEqual([]);
    expect((await changes(webhook([], [ack(true)]), webhook([], [ack(false)]))).changes).toEqual([]);
  });

  it('warns of a header the provider no longer reads, whether it was required or not', async () => {
    expect((await changes(webhook([], [ack(true)]), webhook([]))).changes).toEqual([
      [
        'webhook-response-header-removed',
        'warning',
        `Response header \`X-Ack-Id\` of ${answer} is no longer read by the provider`,
      ],
    ]);
  });

  it('judges its schema as the provider reads it: one value fewer breaks consumers sending it', async () => {
    const mode = (values: string) => `X-Mode: { schema: { type: string, enum: [${values}] } }`;
    const narrowed = await changes(webhook([], [mode('sync, async')]), webhook([], [mode('sync')]));
    expect(narrowed.changes.map(([id, severity]) => [id, severity])).toEqual([
      ['request-enum-value-removed', 'error'],
    ]);
    expect(narrowed.changes[0]![2]).toBe(`Response header \`X-Mode\` of ${answer} no longer allows "async"`);
    const widened = await changes(webhook([], [mode('sync')]), webhook([], [mode('sync, async')]));
    expect(widened.changes.filter(([, severity]) => severity !== 'info')).toEqual([]);
  });
});
