import { describe, expect, it } from 'vitest';
import { replaceAllPatch, rewrittenFilesBetween } from './review-fixture.js';

describe('a patch that replaces every line', () => {
  it('removes each old line and adds each new one, counting lines as a unified diff does', () => {
    expect(replaceAllPatch('a\nb\n', 'c\n')).toBe('@@ -1,2 +1,1 @@\n-a\n-b\n+c');
  });

  it('starts at line 0 of a side that has no file', () => {
    expect(replaceAllPatch(undefined, 'x\ny')).toBe('@@ -0,0 +1,2 @@\n+x\n+y');
    expect(replaceAllPatch('x\n', undefined)).toBe('@@ -1,1 +0,0 @@\n-x');
  });

  it('goes with each file that differs, and with no other', () => {
    const files = rewrittenFilesBetween(
      { same: 's\n', gone: 'g\n', edited: 'e\n' },
      { same: 's\n', edited: 'f\n', new: 'n\n' },
    );
    expect(files).toEqual([
      { path: 'edited', status: 'modified', patch: '@@ -1,1 +1,1 @@\n-e\n+f' },
      { path: 'gone', status: 'removed', patch: '@@ -1,1 +0,0 @@\n-g' },
      { path: 'new', status: 'added', patch: '@@ -0,0 +1,1 @@\n+n' },
    ]);
  });
});
