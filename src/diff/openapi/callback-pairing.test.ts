/**
 * Callbacks paired under the operation that registers them, when that operation is paired with one
 * of another key (moved by its operationId, a path parameter renamed), through the real door.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

async function changes(base: string, head: string) {
  const result = await diffTexts(base, head, { today: '2030-01-01' });
  expect(result.problems).toEqual([]);
  return result.changes.map((c) => [c.id, c.operation]);
}

/** POST `path` (operationId `subscribe`) registering callback `name`, sent to `expression`. */
function api(path: string, name = 'onEvent', expression = '{$request.body#/url}'): string {
  return `openapi: 3.1.0
info: { title: Hooks, version: 1.0.0 }
paths:
  ${path}:
    post:
      operationId: subscribe
      responses: { '201': { description: subscribed } }
      callbacks:
        ${name}:
          '${expression}':
            post:
              responses: { '200': { description: ok } }
`;
}

describe('a callback of an operation that moved', () => {
  it('is the same callback: only the move is reported', async () => {
    expect(await changes(api('/subscriptions'), api('/v2/subscriptions'))).toEqual([
      ['operation-moved', 'POST /subscriptions'],
    ]);
  });

  it('renamed as well: said renamed, not removed', async () => {
    expect(await changes(api('/subscriptions'), api('/v2/subscriptions', 'onChange'))).toEqual([
      ['operation-moved', 'POST /subscriptions'],
      ['webhook-renamed', 'POST /v2/subscriptions'],
    ]);
  });

  it('sent elsewhere as well: said as the URL changed, not removed', async () => {
    expect(
      await changes(
        api('/subscriptions'),
        api('/v2/subscriptions', 'onEvent', '{$request.body#/callbackUrl}'),
      ),
    ).toEqual([
      ['operation-moved', 'POST /subscriptions'],
      ['callback-url-changed', 'POST /v2/subscriptions'],
    ]);
  });

  it('renamed and sent elsewhere: nothing ties them, removed (the near case)', async () => {
    const found = await changes(
      api('/subscriptions'),
      api('/v2/subscriptions', 'onChange', '{$request.body#/to}'),
    );
    expect(found).toContainEqual(['webhook-removed', 'POST /subscriptions']);
  });
});
