import { describe, expect, it, vi } from 'vitest';
import type { GitHubClient } from '../adapters/github/client.js';
import type { TreeItem } from '../adapters/github/file-source.js';
import type { PullRequestReads } from '../adapters/github/pull-request-reads.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import { pullRequestSnapshots } from './pull-request-snapshots.js';

const pr = { baseRef: 'main', baseSha: 'lagging-base-sha', headSha: 'head0123456789' };

/** Every commit holds one file, `blueprint.yaml`, whose blob is named for the commit. */
function fakes(size = 10) {
  const listed: string[] = [];
  const tree = (sha: string): TreeItem[] => [
    { path: 'blueprint.yaml', mode: '100644', type: 'blob', sha: `blob-of-${sha}`, size },
  ];
  const reads = {
    trees: () => (sha: string) => {
      listed.push(sha);
      return Promise.resolve(tree(sha));
    },
    baseNow: vi.fn(() => Promise.resolve({ tip: 'tip-by-name', mergeBase: 'merge-base' })),
  } as unknown as PullRequestReads;
  const blobs = { get: (sha: string) => Promise.resolve(`text of ${sha}`) };
  const client = { owner: 'acme', repo: 'shop' } as unknown as GitHubClient;
  return { client, reads, blobs, listed };
}

describe('pullRequestSnapshots', () => {
  it('reads the base at its merge base by the branch name (only once read), the head at its SHA', async () => {
    const { client, reads, blobs, listed } = fakes();
    const snapshots = pullRequestSnapshots(client, reads, pr, { blobs });
    expect(reads.baseNow).not.toHaveBeenCalled();
    expect(await snapshots.head.read('blueprint.yaml')).toEqual({
      kind: 'ok',
      text: 'text of blob-of-head0123456789',
    });
    expect(await snapshots.base.read('blueprint.yaml')).toEqual({
      kind: 'ok',
      text: 'text of blob-of-merge-base',
    });
    expect(await snapshots.baseAt('tip-by-name').read('blueprint.yaml')).toEqual({
      kind: 'ok',
      text: 'text of blob-of-tip-by-name',
    });
    expect(listed).toEqual(['head0123456789', 'merge-base', 'tip-by-name']);
    expect([snapshots.base.label, snapshots.head.label, snapshots.baseAt('x').label]).toEqual([
      'main',
      'head012',
      'main',
    ]);
  });

  it("refuses a file over the config's size limit, or the default limit without one", async () => {
    const small = fakes(10);
    const limited = pullRequestSnapshots(small.client, small.reads, pr, {
      blobs: small.blobs,
      limits: { maxFileBytes: 5 },
    });
    expect(await limited.head.read('blueprint.yaml')).toEqual({ kind: 'too-large', bytes: 10, limit: 5 });
    expect(
      (
        await pullRequestSnapshots(small.client, small.reads, pr, { blobs: small.blobs }).head.read(
          'blueprint.yaml',
        )
      ).kind,
    ).toBe('ok');
    const large = fakes(DEFAULT_LIMITS.maxFileBytes + 1);
    const unlimited = pullRequestSnapshots(large.client, large.reads, pr, { blobs: large.blobs });
    expect((await unlimited.base.read('blueprint.yaml')).kind).toBe('too-large');
  });
});
