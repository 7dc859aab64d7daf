import { describe, expect, it } from 'vitest';
import { planCommentSync } from './comment-sync.js';
import type { ReviewComment } from './render/pull-request-review.js';

const comment = (findingId: string, line: number, more: string[] = []): ReviewComment => ({
  path: 'b.yaml',
  line,
  side: 'RIGHT',
  body: findingId,
  findingIds: [findingId, ...more],
});
const thread = (findingId: string, line: number | null, more: string[] = []) => ({
  threadId: `T_${findingId}_${line}`,
  findingIds: [findingId, ...more],
  path: 'b.yaml',
  line,
});

describe('planCommentSync', () => {
  it('keeps a thread whose finding is still on the same line and does not repeat it', () => {
    const sync = planCommentSync([comment('a', 3), comment('b', 9)], [thread('a', 3)]);
    expect(sync.keep.map((t) => t.threadId)).toEqual(['T_a_3']);
    expect(sync.post.map((c) => c.findingIds.join('+'))).toEqual(['b']);
    expect(sync.resolve).toEqual([]);
  });

  it('resolves threads whose finding is gone, has moved, or is outdated, and comments again where it now is', () => {
    const sync = planCommentSync(
      [comment('moved', 7), comment('outdated', 4)],
      [thread('gone', 2), thread('moved', 5), thread('outdated', null)],
    );
    expect(sync.resolve.map((t) => t.threadId)).toEqual(['T_gone_2', 'T_moved_5', 'T_outdated_null']);
    expect(sync.post.map((c) => `${c.findingIds.join('+')}@${c.line}`)).toEqual(['moved@7', 'outdated@4']);
  });

  it('keeps a thread listing the same findings of one line, in any order', () => {
    const sync = planCommentSync([comment('a', 3, ['b', 'c'])], [thread('c', 3, ['a', 'b'])]);
    expect(sync.keep.map((t) => t.threadId)).toEqual(['T_c_3']);
    expect(sync.post).toEqual([]);
  });

  it('replaces a thread of one line when its findings change (one fixed, one added)', () => {
    const sync = planCommentSync([comment('a', 3, ['d'])], [thread('a', 3, ['b'])]);
    expect(sync.resolve.map((t) => t.threadId)).toEqual(['T_a_3']);
    expect(sync.post.map((c) => c.findingIds.join('+'))).toEqual(['a+d']);
  });

  it('resolves the separate threads of findings that now share one comment', () => {
    const sync = planCommentSync([comment('a', 3, ['b'])], [thread('a', 3), thread('b', 3)]);
    expect(sync.resolve.map((t) => t.threadId)).toEqual(['T_a_3', 'T_b_3']);
    expect(sync.post).toHaveLength(1);
  });

  it('resolves duplicate threads of one finding but keeps one', () => {
    const sync = planCommentSync([comment('a', 3)], [thread('a', 3), { ...thread('a', 3), threadId: 'dup' }]);
    expect(sync.keep).toHaveLength(1);
    expect(sync.resolve.map((t) => t.threadId)).toEqual(['dup']);
    expect(sync.post).toEqual([]);
  });
});
