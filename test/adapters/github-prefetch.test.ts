/**
 * Reading a large blueprint through the GitHub API with few requests (issue 13: API calls per event
 * O(change), not O(blueprint)): before a blueprint folder is loaded, its YAML, JSON and ADR files
 * come in GraphQL queries of up to 100, and the reads then cost nothing. What a query cannot answer
 * in full (a binary or truncated blob, a failed query) is read as before, one raw REST request per
 * file; files too large or not a blueprint's are never fetched ahead; a small folder is read file by
 * file. nock, no network; every mock is used and no request goes unmatched.
 */
import { createHash } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { BlobCache, GitHubFileSource } from '../../src/adapters/github/file-source.js';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { loadBlueprint } from '../../src/load/load-blueprint.js';
import { generateBlueprint } from '../bench/generate-blueprint.js';
import { guardNock } from '../support/nock-guard.js';
import { tokenOctokit } from '../app/support/unthrottled-octokit.js';

const API = 'https://api.github.com';
const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);

const unmatched = guardNock();

function client(): GitHubClient {
  const octokit = tokenOctokit();
  return new GitHubClient(octokit, 'acme', 'shop');
}

/** A blob id for a file's text (a hash of it, as git's). */
const shaOf = (text: string) => createHash('sha1').update(text).digest('hex');

/** A valid blueprint of `contracts` contracts under `bp/`, as files (test/bench's generator). */
function blueprint(contracts: number) {
  return generateBlueprint({ contracts, root: 'bp' });
}

function treeOf(files: ReadonlyMap<string, string>, extra: object[] = []) {
  return {
    sha: HEAD,
    truncated: false,
    tree: [
      ...[...files].map(([path, text]) => ({
        path,
        mode: '100644',
        type: 'blob',
        sha: shaOf(text),
        size: Buffer.byteLength(text),
      })),
      ...extra,
    ],
  };
}

interface GraphQLBody {
  query: string;
  variables: Record<string, string>;
}

/** Answers a blob query from `files` by id; `answer` may change what one blob looks like. */
function blobQuery(
  scope: nock.Scope,
  files: ReadonlyMap<string, string>,
  seen: string[][],
  answer: (sha: string, text: string) => object | null = (_, text) => ({
    text,
    isBinary: false,
    isTruncated: false,
  }),
): nock.Scope {
  const bySha = new Map([...files.values()].map((text) => [shaOf(text), text]));
  return scope
    .post('/graphql', (body: GraphQLBody) => /object\(oid:/.test(body.query))
    .reply(200, (_uri: string, body: GraphQLBody) => {
      const repository: Record<string, object | null> = {};
      const shas: string[] = [];
      for (const [, alias, variable] of body.query.matchAll(/(\w+): object\(oid: \$(\w+)\)/g)) {
        const sha = body.variables[variable!]!;
        shas.push(sha);
        repository[alias!] = bySha.has(sha) ? answer(sha, bySha.get(sha)!) : null;
      }
      seen.push(shas);
      expect(body.variables).toMatchObject({ owner: 'acme', repo: 'shop' });
      return { data: { repository } };
    });
}

async function readAll(source: GitHubFileSource, files: ReadonlyMap<string, string>) {
  for (const [path, text] of files) expect(await source.read(path)).toEqual({ kind: 'ok', text });
}

describe('GitHubFileSource.prefetch', () => {
  it('fetches a large blueprint folder in GraphQL queries of up to 100 files, then reads cost nothing', async () => {
    const { files } = blueprint(150);
    const seen: string[][] = [];
    const scope = nock(API)
      .get(`/repos/acme/shop/git/trees/${HEAD}`)
      .query({ recursive: 'true' })
      .reply(
        200,
        treeOf(files, [{ path: 'README.md', mode: '100644', type: 'blob', sha: 'f'.repeat(40), size: 9 }]),
      );
    blobQuery(scope, files, seen);
    blobQuery(scope, files, seen);
    const source = new GitHubFileSource(client(), HEAD, new BlobCache(), 1024 * 1024);

    const loaded = await loadBlueprint(source, 'bp', { validateContracts: false });
    expect(loaded.model?.contracts).toHaveLength(150);
    expect(loaded.findings).toEqual([]);
    await readAll(source, files);

    expect(seen.map((s) => s.length)).toEqual([100, files.size - 100]);
    expect(new Set(seen.flat())).toEqual(new Set([...files.values()].map(shaOf)));
    expect(scope.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
  });

  it('reads what the query cannot answer in full one by one, raw: binary, truncated, missing', async () => {
    const { files, contractFiles } = blueprint(40);
    const [binary, truncated, missing] = contractFiles.slice(1, 4) as [string, string, string];
    const odd = new Map([
      [shaOf(files.get(binary)!), { text: null, isBinary: true, isTruncated: false }],
      [shaOf(files.get(truncated)!), { text: 'openapi: 3.1', isBinary: false, isTruncated: true }],
      [shaOf(files.get(missing)!), null],
    ]);
    const seen: string[][] = [];
    const scope = nock(API)
      .get(`/repos/acme/shop/git/trees/${HEAD}`)
      .query({ recursive: 'true' })
      .reply(200, treeOf(files));
    blobQuery(scope, files, seen, (sha, text) =>
      odd.has(sha) ? odd.get(sha)! : { text, isBinary: false, isTruncated: false },
    );
    for (const path of [binary, truncated, missing])
      scope
        .get(`/repos/acme/shop/git/blobs/${shaOf(files.get(path)!)}`)
        .matchHeader('accept', 'application/vnd.github.v3.raw')
        .reply(200, files.get(path)!, { 'content-type': 'application/vnd.github.raw' });
    const source = new GitHubFileSource(client(), HEAD, new BlobCache(), 1024 * 1024);

    await source.prefetch('bp');
    await readAll(source, files);

    expect(seen).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
  });

  it('falls back to one REST request per file when the query fails', async () => {
    const { files } = blueprint(35);
    const scope = nock(API)
      .get(`/repos/acme/shop/git/trees/${HEAD}`)
      .query({ recursive: 'true' })
      .reply(200, treeOf(files))
      .post('/graphql')
      .reply(502, { message: 'Bad Gateway' });
    for (const text of files.values())
      scope
        .get(`/repos/acme/shop/git/blobs/${shaOf(text)}`)
        .reply(200, text, { 'content-type': 'application/vnd.github.raw' });
    const source = new GitHubFileSource(client(), HEAD, new BlobCache(), 1024 * 1024);

    await source.prefetch('bp');
    await readAll(source, files);

    expect(scope.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
  });

  it('fetches nothing ahead for a small folder, a large file or a file no blueprint reads', async () => {
    const { files } = blueprint(20);
    const big = {
      path: 'bp/contracts/big.json',
      mode: '100644',
      type: 'blob',
      sha: 'e'.repeat(40),
      size: 600_000,
    };
    const image = { path: 'bp/diagram.png', mode: '100644', type: 'blob', sha: 'd'.repeat(40), size: 10 };
    const scope = nock(API)
      .get(`/repos/acme/shop/git/trees/${HEAD}`)
      .query({ recursive: 'true' })
      .reply(200, treeOf(files, [big, image]));
    const source = new GitHubFileSource(client(), HEAD, new BlobCache(), 1024 * 1024);

    await source.prefetch('bp');

    expect(scope.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
  });

  it('fetches a blob once when base and head load together: the other side waits for it', async () => {
    const { files, contractFiles } = blueprint(60);
    const c0 = contractFiles[0]!;
    const changed = new Map(files).set(c0, `${files.get(c0)!}# changed\n`);
    const seen: string[][] = [];
    const scope = nock(API)
      .get(`/repos/acme/shop/git/trees/${HEAD}`)
      .query({ recursive: 'true' })
      .reply(200, treeOf(changed))
      .get(`/repos/acme/shop/git/trees/${BASE}`)
      .query({ recursive: 'true' })
      .reply(200, treeOf(files));
    blobQuery(scope, new Map([...files, ['changed', changed.get(c0)!]]), seen).persist();
    const blobs = new BlobCache();
    const head = new GitHubFileSource(client(), HEAD, blobs, 1024 * 1024);
    const base = new GitHubFileSource(client(), BASE, blobs, 1024 * 1024);

    await Promise.all([head.prefetch('bp'), base.prefetch('bp')]);
    await Promise.all([readAll(base, files), readAll(head, changed)]);

    // One side asks for the whole folder, the other only for its version of the changed contract.
    expect(seen.map((s) => s.length).sort((a, b) => a - b)).toEqual([1, files.size]);
    expect(new Set(seen.flat()).size).toBe(files.size + 1);
    expect(scope.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
  });

  it('is a hint only: sources without it load the same blueprint', async () => {
    const { files } = blueprint(40);
    const loaded = await loadBlueprint(new InMemoryFileSource(files), 'bp', { validateContracts: false });
    expect(loaded.model?.contracts).toHaveLength(40);
    expect(loaded.findings).toEqual([]);
  });
});
