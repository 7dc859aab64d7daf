/**
 * How a removed media type is named when one decision reaches many operations, through the real
 * door (the pair test/fixtures/diff-groups/media-type-dropped_*.yaml): dropped from every response,
 * or from a shared response component, it is one change named so, anchored where it was removed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

const DIR = path.resolve(import.meta.dirname, '../../../test/fixtures/diff-groups');
const read = (side: string) => readFileSync(path.join(DIR, `media-type-dropped_${side}.yaml`), 'utf8');

async function removals() {
  const result = await diffTexts(read('base'), read('revision'), { today: '2030-01-01' });
  return result.changes
    .filter((c) => c.id === 'response-media-type-removed')
    .map((c) => ({
      severity: c.severity,
      subject: c.message.split(' no longer offers ')[0],
      type: /no longer offers (\S+)/.exec(c.message)?.[1],
      at: c.base?.pointer,
      operations: c.operations,
    }));
}

describe('a media type removed from many responses', () => {
  it('gone from every response: one change, anchored at its first removal, every operation listed', async () => {
    expect((await removals()).filter((r) => r.type === 'application/xml')).toEqual([
      {
        severity: 'error',
        // Offered by some statuses only (`GET /a`'s 200 is the shared Report, without XML): named.
        subject: 'Every 200 and 404 response that offered it',
        type: 'application/xml',
        at: '/paths/~1a/get/responses/404/content/application~1xml',
        operations: ['GET /a', 'GET /b'],
      },
      // The unstable operation's removal keeps its own severity, as its own change.
      {
        severity: 'info',
        subject: 'Response 200 of `GET /d`',
        type: 'application/xml',
        at: '/paths/~1d/get/responses/200/content/application~1xml',
        operations: ['GET /d'],
      },
    ]);
  });

  it('offered by every response with a body: no status named (the near case)', async () => {
    expect((await removals()).filter((r) => r.type === 'application/cbor')).toEqual([
      {
        severity: 'error',
        subject: 'Every response that offered it',
        type: 'application/cbor',
        at: '/paths/~1e/get/responses/200/content/application~1cbor',
        operations: ['GET /e'],
      },
    ]);
  });

  it('gone from a shared response component: named after the component', async () => {
    expect((await removals()).filter((r) => r.type === 'text/csv')).toEqual([
      {
        severity: 'error',
        subject: 'Response `Report`',
        type: 'text/csv',
        at: '/components/responses/Report/content/text~1csv',
        operations: ['GET /a', 'GET /b'],
      },
    ]);
  });

  it('still offered elsewhere: one change per response that lost it (the near case)', async () => {
    expect((await removals()).filter((r) => r.type === 'application/yaml').map((r) => r.subject)).toEqual([
      'Response 404 of `GET /a`',
      'Response 200 of `GET /b`',
    ]);
  });
});

describe('a media type no request body accepts any more', () => {
  const body = (path: string, types: string) =>
    `  ${path}:\n    post:\n      requestBody: { content: { ${types} } }\n      responses: { '204': { description: ok } }\n`;
  const api = (types: string) =>
    `openapi: 3.0.3\ninfo: { title: T, version: 1.0.0 }\npaths:\n${body('/a', types)}${body('/b', types)}`;

  it('is one change, said of what consumers send, every operation listed', async () => {
    const result = await diffTexts(
      api('application/json: {}, application/xml: {}'),
      api('application/json: {}'),
    );
    expect(result.changes.map((c) => [c.id, c.message.split(' — ')[0], c.operations])).toEqual([
      [
        'request-media-type-removed',
        'Every request body that accepted it no longer accepts application/xml',
        ['POST /a', 'POST /b'],
      ],
    ]);
  });
});
