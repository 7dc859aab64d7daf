import { describe, expect, it } from 'vitest';
import { affectsSentence, messageWithoutAffects } from './affects.js';
import type { Change } from './types.js';

function change(message: string, operations: string[], channels: string[] = []): Change {
  return {
    id: 'response-property-removed',
    severity: 'error',
    direction: 'response',
    message,
    operations,
    channels,
    consumers: [],
    breaking: true,
  };
}

describe('affectsSentence', () => {
  it('names the first eight and counts the rest', () => {
    const ops = Array.from({ length: 10 }, (_, i) => `GET /r${i}`);
    const sentence = affectsSentence(ops, true);
    expect(sentence).toMatch(/^Affects 10 operations: `GET \/r0`, .*`GET \/r7` and 2 more\.$/);
    expect(sentence).not.toContain('/r8');
  });
});

describe('messageWithoutAffects', () => {
  it('drops the closing sentence the emitter wrote for several operations or channels', () => {
    const ops = ['GET /a', 'GET /b'];
    expect(messageWithoutAffects(change(`Field x removed. ${affectsSentence(ops, true)}`, ops))).toBe(
      'Field x removed.',
    );
    const channels = ['orders.created', 'orders.updated'];
    const onChannels = change(`Payload changed. ${affectsSentence(channels, false)}`, [], channels);
    expect(messageWithoutAffects(onChannels)).toBe('Payload changed.');
  });

  it('keeps a message that affects one, or whose ending is not the sentence for its list', () => {
    expect(messageWithoutAffects(change('Operation `GET /a` removed.', ['GET /a']))).toBe(
      'Operation `GET /a` removed.',
    );
    // A sentence for other operations (a message a repository value happens to end like) stays.
    const other = `Field x removed. ${affectsSentence(['GET /c', 'GET /d'], true)}`;
    expect(messageWithoutAffects(change(other, ['GET /a', 'GET /b']))).toBe(other);
  });
});
