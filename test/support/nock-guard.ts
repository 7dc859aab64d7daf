/**
 * Every test of the calling file runs with the network shut (nock answers or the request fails) and
 * records each request no interceptor matched: a test asserts the list is empty, so a call the code
 * should not have made, or made differently, fails the test instead of hiding behind a retry.
 */
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';

export function guardNock(): readonly string[] {
  const unmatched: string[] = [];
  const onNoMatch = (req: { method?: string; path?: string }) => unmatched.push(`${req.method} ${req.path}`);
  beforeEach(() => {
    nock.disableNetConnect();
    unmatched.length = 0;
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener('no match', onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
  });
  return unmatched;
}
