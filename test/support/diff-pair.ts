/**
 * The diff run on two snapshots held in memory, as the tests of the diff write them: a base and a
 * head text of one file (`diffTexts`), or a few files each (`diffFiles`). Written once here so each
 * test says only what it compares; the diff itself is the real one, every option passed through.
 */
import { InMemoryFileSource } from '../../src/core/file-source.js';
import type { DiffOutcome } from '../../src/diff/diff-contracts.js';
import { diffContracts } from '../../src/diff/diff-contracts.js';
import type { DiffOptions } from '../../src/diff/types.js';

/** The files of one side by path; `undefined` is a side without them (a contract added or removed). */
export type SideFiles = Readonly<Record<string, string>> | undefined;

/** Diffs the contract at `path` (default `api.yaml`) between two sets of files. */
export function diffFiles(
  base: SideFiles,
  head: SideFiles,
  options: DiffOptions = {},
  path = 'api.yaml',
): Promise<DiffOutcome> {
  return diffContracts(
    { source: new InMemoryFileSource({ ...base }, 'base'), path },
    { source: new InMemoryFileSource({ ...head }, 'head'), path },
    options,
  );
}

/** Diffs one file's two texts; an `undefined` side has no such file. */
export function diffTexts(
  base: string | undefined,
  head: string | undefined,
  options: DiffOptions = {},
  path = 'api.yaml',
): Promise<DiffOutcome> {
  const side = (text: string | undefined) => (text === undefined ? undefined : { [path]: text });
  return diffFiles(side(base), side(head), options, path);
}
