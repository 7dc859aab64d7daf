/**
 * The same bytes give the same text, so the same findings on the same lines, whichever way the app
 * read them from GitHub: in a GraphQL blob query (`text`, GitHub's decoding) or raw over REST (the
 * bytes, decoded as UTF-8 here: a leading byte order mark dropped, each invalid sequence one U+FFFD).
 * GitHub does not say what `text` holds for bytes that are not UTF-8, so each way it might answer is
 * tried: replaced characters, the bytes read as Latin-1, or no text at all. nock, no network; every
 * mock is used and no request goes unmatched.
 */
import { createHash } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { BlobCache, GitHubFileSource } from '../../src/adapters/github/file-source.js';
import type { Finding } from '../../src/core/finding.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import { RULE_SET } from '../../rules/index.js';
import { generateBlueprint } from '../bench/generate-blueprint.js';
import { guardNock } from '../support/nock-guard.js';
import { tokenOctokit } from '../app/support/unthrottled-octokit.js';

const API = 'https://api.github.com';
const HEAD = 'a'.repeat(40);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const unmatched = guardNock();

/** The raw REST path alone: the loader's prefetch (GraphQL) is switched off. */
class RestOnlySource extends GitHubFileSource {
  override async prefetch(): Promise<void> {}
}

function source(Source: typeof GitHubFileSource = GitHubFileSource): GitHubFileSource {
  const octokit = tokenOctokit();
  return new Source(new GitHubClient(octokit, 'acme', 'shop'), HEAD, new BlobCache(), 1024 * 1024);
}

const restSource = () => source(RestOnlySource);

const shaOf = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/**
 * A generated blueprint of 30 contracts (enough files to be fetched in a GraphQL query) in which two
 * contracts start with a UTF-8 byte order mark and end with an unclosed list (a finding with a line);
 * the first also has a title that is not UTF-8 (Latin-1 `é`, the byte 0xE9).
 */
function blueprintBytes(): { files: Map<string, Buffer>; latin1: string; bomOnly: string } {
  const { files, contractFiles } = generateBlueprint({ contracts: 30, root: 'bp' });
  const [latin1, bomOnly] = contractFiles.filter((f) => f.endsWith('.openapi.yaml')) as [string, string];
  const bytes = new Map([...files].map(([path, text]) => [path, Buffer.from(text)]));
  const latin1Text = files.get(latin1)!.replace('  title: API 0\n', '  title: API 0 Caf\u00e9\n');
  bytes.set(latin1, Buffer.concat([BOM, Buffer.from(latin1Text, 'latin1'), Buffer.from('broken: [\n')]));
  bytes.set(bomOnly, Buffer.concat([BOM, Buffer.from(files.get(bomOnly)!), Buffer.from('broken: [\n')]));
  return { files: bytes, latin1, bomOnly };
}

function tree(scope: nock.Scope, files: ReadonlyMap<string, Buffer>): void {
  scope
    .get(`/repos/acme/shop/git/trees/${HEAD}`)
    .query({ recursive: 'true' })
    .reply(200, {
      sha: HEAD,
      truncated: false,
      tree: [...files].map(([path, bytes]) => ({
        path,
        mode: '100644',
        type: 'blob',
        sha: shaOf(bytes),
        size: bytes.length,
      })),
    });
}

/** The raw REST read of one blob: its bytes, as GitHub sends them. */
function rawBlob(scope: nock.Scope, bytes: Buffer): void {
  scope
    .get(`/repos/acme/shop/git/blobs/${shaOf(bytes)}`)
    .matchHeader('accept', 'application/vnd.github.v3.raw')
    .reply(200, bytes, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
}

type GitHubText = (bytes: Buffer) => { text: string | null; isBinary: boolean };

/** Ways GitHub might answer `text` for bytes that are not UTF-8 (valid UTF-8 comes as it is, BOM kept). */
const NOT_UTF8: Record<string, GitHubText> = {
  'replaced by U+FFFD': (bytes) => ({ text: bytes.toString('utf8'), isBinary: false }),
  'read as Latin-1': (bytes) => ({ text: bytes.subarray(3).toString('latin1'), isBinary: false }),
  'no text (binary)': () => ({ text: null, isBinary: true }),
};

function blobQuery(scope: nock.Scope, files: ReadonlyMap<string, Buffer>, notUtf8: GitHubText): void {
  const bySha = new Map([...files.values()].map((bytes) => [shaOf(bytes), bytes]));
  scope
    .post('/graphql', (body: { query: string }) => /object\(oid:/.test(body.query))
    .reply(200, (_uri: string, body: { query: string; variables: Record<string, string> }) => {
      const repository: Record<string, object> = {};
      for (const [, alias, variable] of body.query.matchAll(/(\w+): object\(oid: \$(\w+)\)/g)) {
        const bytes = bySha.get(body.variables[variable!]!)!;
        const valid = Buffer.from(bytes.toString('utf8')).equals(bytes);
        repository[alias!] = {
          ...(valid ? { text: bytes.toString('utf8'), isBinary: false } : notUtf8(bytes)),
          isTruncated: false,
        };
      }
      return { data: { repository } };
    });
}

async function lint(files: GitHubFileSource): Promise<Finding[]> {
  const { rules } = resolveRules(RULE_SET, { rules: {} });
  return (await lintBlueprint(files, 'bp', rules, { validateContracts: false })).findings;
}

describe('decoding a blob: GraphQL text and raw REST agree', () => {
  it('raw REST: the byte order mark is dropped and the byte that is not UTF-8 is one U+FFFD', async () => {
    const { files, latin1, bomOnly } = blueprintBytes();
    const scope = nock(API);
    tree(scope, files);
    for (const bytes of files.values()) rawBlob(scope, bytes);
    const rest = restSource();
    const latin1Read = await rest.read(latin1);
    expect(latin1Read.kind === 'ok' && latin1Read.text.split('\n').slice(0, 3)).toEqual([
      'openapi: 3.1.0',
      'info:',
      '  title: API 0 Caf\ufffd',
    ]);
    const bomRead = await rest.read(bomOnly);
    expect(bomRead.kind === 'ok' && bomRead.text.startsWith('openapi: 3.1.0\n')).toBe(true);
    const findings = await lint(rest);
    // Each file's unclosed list, on the line that opens it.
    const line = (file: string) => files.get(file)!.toString('latin1').split('\n').indexOf('broken: [') + 1;
    expect(line(latin1)).toBeGreaterThan(100);
    expect(findings.filter((f) => f.file === latin1 || f.file === bomOnly)).toMatchObject([
      { file: latin1, range: { start: { line: line(latin1) } } },
      { file: bomOnly, range: { start: { line: line(bomOnly) } } },
    ]);
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  for (const [how, notUtf8] of Object.entries(NOT_UTF8))
    it(`GraphQL (bytes not UTF-8 ${how}): the same texts and findings as raw REST`, async () => {
      const { files, latin1, bomOnly } = blueprintBytes();
      const restScope = nock(API);
      tree(restScope, files);
      for (const bytes of files.values()) rawBlob(restScope, bytes);
      const rest = restSource();
      const restFindings = await lint(rest);
      const restTexts = [await rest.read(latin1), await rest.read(bomOnly)];
      expect(restScope.pendingMocks()).toEqual([]);

      const scope = nock(API);
      tree(scope, files);
      blobQuery(scope, files, notUtf8);
      // GitHub's text of the file that is not UTF-8 is not its bytes: that one file is read raw.
      rawBlob(scope, files.get(latin1)!);
      const graphql = source();
      await graphql.prefetch('bp');
      expect([await graphql.read(latin1), await graphql.read(bomOnly)]).toEqual(restTexts);
      expect(await lint(graphql)).toEqual(restFindings);
      expect(scope.pendingMocks()).toEqual([]);
      expect(unmatched).toEqual([]);
    });
});
