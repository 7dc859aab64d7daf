import { describe, expect, it } from 'vitest';
import { resolveRepoPath } from '../../src/core/paths.js';

describe('resolveRepoPath', () => {
  it('resolves relative paths inside the repository', () => {
    expect(resolveRepoPath('bp/contracts', '../schemas/./order.yaml')).toEqual({
      kind: 'ok',
      path: 'bp/schemas/order.yaml',
    });
    expect(resolveRepoPath('', 'a/b.yaml')).toEqual({ kind: 'ok', path: 'a/b.yaml' });
  });

  it.each([
    ['../../etc/passwd', 'outside the repository'],
    ['/etc/passwd', 'absolute path'],
    ['http://example.com/x.yaml', 'is a URL'],
    ['file:///etc/passwd', 'is a URL'],
    ['C:\\Windows\\win.ini', 'is a URL'],
    ['..\\..\\secret', 'not a valid repository path'],
    ['a\0b', 'not a valid repository path'],
  ])('refuses %s', (target, reason) => {
    const result = resolveRepoPath('bp', target);
    expect(result.kind).toBe('rejected');
    if (result.kind === 'rejected') expect(result.reason).toContain(reason);
  });
});
