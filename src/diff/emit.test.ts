import { describe, expect, it } from 'vitest';
import { CHECKS_BY_ID } from './checks/index.js';
import { ChangeSink } from './emit.js';

describe('ChangeSink', () => {
  it('keeps only the file and pointer of an emitter’s places, not the views it passed', () => {
    const sink = new ChangeSink(CHECKS_BY_ID, undefined);
    // A parameter view: a place with its parsed value and more beside it.
    const base = { file: 'api.yaml', pointer: '/paths/~1orders/get/parameters/0', value: { in: 'query' } };
    const head = { file: 'api.yaml', pointer: '/paths/~1orders/get/parameters/1', name: 'limit' };
    sink.emit('request-parameter-became-required', {
      subject: 'Parameter `limit` of `GET /orders`',
      operation: 'GET /orders',
      base,
      head,
    });
    const [change] = sink.finish();
    expect(change!.base).toStrictEqual({ file: 'api.yaml', pointer: '/paths/~1orders/get/parameters/0' });
    expect(change!.head).toStrictEqual({ file: 'api.yaml', pointer: '/paths/~1orders/get/parameters/1' });
  });

  it('gives an added element no base place', () => {
    const sink = new ChangeSink(CHECKS_BY_ID, undefined);
    sink.emit('request-parameter-added', {
      subject: 'Parameter `limit` of `GET /orders`',
      operation: 'GET /orders',
      head: { file: 'api.yaml', pointer: '/paths/~1orders/get/parameters/0' },
    });
    const [change] = sink.finish();
    expect(change).not.toHaveProperty('base');
    expect(change!.head).toStrictEqual({ file: 'api.yaml', pointer: '/paths/~1orders/get/parameters/0' });
  });
});
