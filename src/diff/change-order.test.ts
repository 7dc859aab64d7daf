import { describe, expect, it } from 'vitest';
import { sortChanges } from './change-order.js';
import type { Change } from './types.js';

const change = (severity: Change['severity'], pointer: string, message: string): Change => ({
  id: 'response-property-removed',
  severity,
  direction: 'response',
  message,
  head: { file: 'api.json', pointer },
  operations: [],
  channels: [],
  consumers: [],
  breaking: severity === 'error',
});

describe('sortChanges', () => {
  it('orders by severity, then place, then message, keeping ties in the order found', () => {
    const changes = [
      change('info', '/a', 'Info.'),
      change('error', '/b', 'Second.'),
      change('error', '/a', 'B.'),
      change('error', '/a', 'A.'),
      change('error', '/a', 'A.'),
    ];
    const sorted = sortChanges(changes);
    expect(sorted.map((c) => `${c.severity} ${c.head!.pointer} ${c.message}`)).toEqual([
      'error /a A.',
      'error /a A.',
      'error /a B.',
      'error /b Second.',
      'info /a Info.',
    ]);
    expect(sorted[0]).toBe(changes[3]);
    expect(sorted[1]).toBe(changes[4]);
    expect(changes[0]!.severity).toBe('info'); // the list given is left as it was
  });

  it('orders two places by their pointers alone when one continues the other with a NUL', () => {
    // A key of a hostile document may hold U+0000, which a joined sort key used as its separator:
    // the message then decided which of the two places came first.
    const shorter = change('error', '/a', 'z: removed.');
    const longer = change('error', '/a\u0000b', 'A: removed.');
    expect(sortChanges([longer, shorter])).toEqual([shorter, longer]);
  });
});
