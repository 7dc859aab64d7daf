/**
 * Running git for the review: always `execFile` with an argument array (never a shell string), in a
 * given repository, with bounded output. Errors come back typed, with git's own message. Snapshots
 * of a commit are `GitFileSource`s (git-file-source.ts).
 */
import { execFile } from 'node:child_process';

export type GitFailure =
  | { kind: 'not-a-repository'; path: string }
  | { kind: 'git-failed'; args: string[]; message: string; exitCode?: number };

export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(readonly failure: GitFailure) {
    super(describeGitFailure(failure));
  }
}

export function describeGitFailure(f: GitFailure): string {
  switch (f.kind) {
    case 'not-a-repository':
      return `${f.path} is not inside a git repository`;
    case 'git-failed':
      return `git ${f.args.join(' ')} failed: ${f.message}`;
  }
}

const MAX_OUTPUT = 256 * 1024 * 1024;

export function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: MAX_OUTPUT, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error) {
        const message = Buffer.from(stderr).toString('utf8').trim() || error.message;
        const exitCode = typeof error.code === 'number' ? { exitCode: error.code } : {};
        reject(new GitError({ kind: 'git-failed', args, message, ...exitCode }));
        return;
      }
      resolve(Buffer.from(stdout).toString('utf8'));
    });
  });
}

export async function repositoryRoot(cwd: string): Promise<string> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    throw new GitError({ kind: 'not-a-repository', path: cwd });
  }
}

/** The best common ancestor of two commits, or undefined when they share no history (git exits 1). */
export async function mergeBaseOf(cwd: string, base: string, head: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['merge-base', base, head])).trim();
  } catch (error) {
    if (error instanceof GitError && error.failure.kind === 'git-failed' && error.failure.exitCode === 1)
      return undefined;
    throw error;
  }
}
