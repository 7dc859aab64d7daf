/**
 * Failures a snapshot source throws when it cannot say what the snapshot holds. Kept free of
 * imports: the CLI's entry catches them, and the entry loads nothing heavy before a command runs.
 */

/** A folder of the snapshot the source could not list: what lies under it is unknown. */
export class UnlistableFolderError extends Error {
  override readonly name = 'UnlistableFolderError';
  constructor(
    readonly folder: string,
    readonly code: string,
  ) {
    super(`could not list the folder ${folder} (${code}): the files under it are unknown`);
  }
}
