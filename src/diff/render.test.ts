import { describe, expect, it } from 'vitest';
import { parseLocated } from '../core/located-document.js';
import type { LocatedDocument } from '../core/located-document.js';
import { toJsonChange } from './render.js';
import type { Change, Place } from './types.js';

describe('toJsonChange', () => {
  it('gives each side exactly the documented file, pointer and line', () => {
    const parsed = parseLocated('orders.yaml', 'paths:\n  /orders:\n    get: {}\n');
    if (parsed.kind !== 'ok') throw new Error('fixture does not parse');
    const documents = {
      base: new Map<string, LocatedDocument>([['orders.yaml', parsed.document]]),
      head: new Map<string, LocatedDocument>(),
    };
    // Operation-level places carry the matcher's internals; they must not leak into the JSON.
    const place = {
      file: 'orders.yaml',
      pointer: '/paths/~1orders/get',
      key: 'GET /orders',
      method: 'get',
    } as Place;
    const change: Change = {
      id: 'operation-removed',
      severity: 'error',
      direction: 'both',
      message: 'GET /orders was removed',
      base: place,
      operation: 'GET /orders',
      operations: ['GET /orders'],
      channels: [],
      consumers: [],
      breaking: true,
    };
    const json = toJsonChange({ documents } as never, change);
    expect(json.base).toEqual({ file: 'orders.yaml', pointer: '/paths/~1orders/get', line: 3 });
    expect(json.head).toBeNull();
  });
});
