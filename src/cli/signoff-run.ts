import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { GitFileSource, GitRefError, resolveCommit } from '../adapters/git-file-source.js';
import type { ChangedFile } from '../signoff/changes.js';
import { InMemoryPullRequestFacts, fingerprintOf } from '../signoff/facts.js';
import type { InMemoryFacts } from '../signoff/facts.js';
import { readBaseConfig, signoffFromSnapshots } from '../signoff/pipeline.js';
import { DEFAULT_CONFIG_PATH } from '../signoff/changes.js';
import { GitError, mergeBaseOf } from '../adapters/git.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import { renderDecisionText, renderSummaryMarkdown } from '../signoff/render.js';
import type { BlueprintScope, CommitFacts, Lookup, Review, ReviewState } from '../signoff/types.js';
import type { CommandContext } from './command.js';
import { EXIT, UsageError } from './io.js';
import { findRepositoryRoot } from './repository.js';

const REVIEW_STATES: readonly ReviewState[] = [
  'APPROVED',
  'CHANGES_REQUESTED',
  'COMMENTED',
  'DISMISSED',
  'PENDING',
];

export interface SignoffRequest {
  base: string;
  head: string;
  target: string;
  reviews: string;
  teams?: string | undefined;
  author?: string | undefined;
  org?: string | undefined;
  format: 'text' | 'markdown' | 'json';
}

/** `signoff`: the gate's decision for a local pull request state, printed. */
export async function runSignoff(context: CommandContext, request: SignoffRequest): Promise<number> {
  const { io } = context;
  const root = findRepositoryRoot(path.resolve(io.cwd, request.target));

  const [baseTip, head] = await Promise.all([openRef(root, request.base), openRef(root, request.head)]);
  // What the pull request changed is measured from the merge base, as GitHub shows it (and the app
  // does): what the base branch changed meanwhile is not the PR's. The config is the base branch's.
  const mergeBase = await mergeBaseOrUsage(root, baseTip.sha, head.sha, request);
  const base = mergeBase === baseTip.sha ? baseTip : await openRef(root, mergeBase);
  const validator = createSchemaValidator();
  const config = await readBaseConfig(baseTip, DEFAULT_CONFIG_PATH, validator);
  const pr = readPullRequestFile(path.resolve(io.cwd, request.reviews));
  const author = request.author ?? pr.author;
  if (!author)
    throw new UsageError('the PR author is unknown: pass --author or put "author" in the reviews file');
  const teams = request.teams ? readTeamsFile(path.resolve(io.cwd, request.teams)) : undefined;
  const reviews = await Promise.all(
    pr.reviews.map(async (r) => ({
      ...r,
      commitId: r.commitId && (await resolveOrKeep(root, r.commitId)),
    })),
  );
  const facts = new LocalPullRequestFacts(
    root,
    {
      author,
      headSha: head.sha,
      labels: pr.labels,
      pushers: pr.pushers,
      ...(pr.writers ? { writers: pr.writers } : {}),
      commits: pr.commits,
      reviews,
      teams: teams ?? {},
    },
    teams === undefined,
  );

  const { decision, changes } = await signoffFromSnapshots({
    base,
    head,
    changedFiles: changedFiles(base, head),
    facts,
    org: request.org ?? (await originOwner(root)),
    config,
    validator,
  });
  if (request.format === 'json')
    io.stdout(JSON.stringify({ decision, changes: changes.changes }, null, 2) + '\n');
  else if (request.format === 'markdown') io.stdout(renderSummaryMarkdown(decision));
  else io.stdout(renderDecisionText(decision));
  return decision.state === 'success' ? EXIT.ok : EXIT.findings;
}

async function mergeBaseOrUsage(
  root: string,
  base: string,
  head: string,
  request: Pick<SignoffRequest, 'base' | 'head'>,
): Promise<string> {
  try {
    return await mergeBaseOf(root, base, head);
  } catch (error) {
    if (error instanceof GitError)
      throw new UsageError(`${request.base} and ${request.head} have no common commit: ${error.message}`);
    throw error;
  }
}

async function openRef(root: string, ref: string): Promise<GitFileSource> {
  try {
    return await GitFileSource.open(root, ref);
  } catch (error) {
    if (error instanceof GitRefError) throw new UsageError(error.message);
    throw error;
  }
}

/** Reviews and team membership from files; fingerprints from the local git history. */
class LocalPullRequestFacts extends InMemoryPullRequestFacts {
  constructor(
    private readonly root: string,
    data: InMemoryFacts,
    private readonly noTeamsFile: boolean,
  ) {
    super(data);
    this.writersGiven = data.writers !== undefined;
  }

  private readonly writersGiven: boolean;

  override async isTeamMember(team: string, user: string): Promise<Lookup<boolean>> {
    if (this.noTeamsFile) return { kind: 'error', reason: 'no --teams file was given' };
    return super.isTeamMember(team, user);
  }

  override async hasWriteAccess(user: string): Promise<Lookup<boolean>> {
    if (!this.writersGiven) return { kind: 'error', reason: 'the reviews file lists no "writers"' };
    return super.hasWriteAccess(user);
  }

  override async teamExists(team: string): Promise<Lookup<boolean>> {
    if (this.noTeamsFile) return { kind: 'error', reason: 'no --teams file was given' };
    return super.teamExists(team);
  }

  override async blueprintFingerprint(sha: string, scope: BlueprintScope): Promise<Lookup<string>> {
    try {
      const source = await GitFileSource.open(this.root, sha);
      return {
        kind: 'ok',
        value: fingerprintOf(
          source.entries().map((e) => ({ path: e.path, contentId: e.blob })),
          scope,
        ),
      };
    } catch (error) {
      return { kind: 'error', reason: error instanceof Error ? error.message : String(error) };
    }
  }
}

function changedFiles(base: GitFileSource, head: GitFileSource): ChangedFile[] {
  const before = new Map(base.entries().map((e) => [e.path, e.blob]));
  const after = new Map(head.entries().map((e) => [e.path, e.blob]));
  const out: ChangedFile[] = [];
  for (const [p, blob] of after) {
    const old = before.get(p);
    if (old === undefined) out.push({ path: p, status: 'added' });
    else if (old !== blob) out.push({ path: p, status: 'modified' });
  }
  for (const p of before.keys()) if (!after.has(p)) out.push({ path: p, status: 'removed' });
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

interface PullRequestFile {
  author?: string;
  labels: string[];
  pushers: string[];
  writers: string[] | undefined;
  commits: CommitFacts[];
  reviews: Review[];
}

function readPullRequestFile(file: string): PullRequestFile {
  const value = readJson(file, '--reviews');
  const body = Array.isArray(value) ? { reviews: value } : (value as Record<string, unknown>);
  if (typeof body !== 'object' || body === null || !Array.isArray(body.reviews))
    throw new UsageError(`--reviews ${file}: expected an array of reviews or an object with "reviews"`);
  return {
    author: typeof body.author === 'string' ? body.author : undefined,
    labels: strings(body.labels),
    pushers: strings(body.pushers),
    writers: Array.isArray(body.writers) ? strings(body.writers) : undefined,
    commits: Array.isArray(body.commits) ? body.commits.flatMap(commitOf) : [],
    reviews: body.reviews.map((r, i) => reviewOf(r, i, file)),
  };
}

function reviewOf(value: unknown, index: number, file: string): Review {
  const r = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const user = typeof r.user === 'string' ? r.user : (r.user as { login?: unknown } | undefined)?.login;
  const state = r.state;
  if (typeof user !== 'string' || !REVIEW_STATES.includes(state as ReviewState))
    throw new UsageError(
      `--reviews ${file}: review ${index} needs "user" and a "state" of ${REVIEW_STATES.join(', ')}`,
    );
  const commitId = r.commitId ?? r.commit_id;
  const submittedAt = r.submittedAt ?? r.submitted_at;
  return {
    id: typeof r.id === 'number' ? r.id : index + 1,
    user,
    state: state as ReviewState,
    commitId: typeof commitId === 'string' ? commitId : null,
    submittedAt: typeof submittedAt === 'string' ? submittedAt : new Date(index * 1000).toISOString(),
  };
}

function commitOf(value: unknown): CommitFacts[] {
  const c = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof c.sha !== 'string') return [];
  return [
    {
      sha: c.sha,
      author: typeof c.author === 'string' ? c.author : undefined,
      committer: typeof c.committer === 'string' ? c.committer : undefined,
    },
  ];
}

function readTeamsFile(file: string): Record<string, string[]> {
  const value = readJson(file, '--teams');
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`--teams ${file}: expected {"org/team": ["login", ...]}`);
  const out: Record<string, string[]> = {};
  for (const [team, members] of Object.entries(value)) {
    if (!team.includes('/') || !Array.isArray(members))
      throw new UsageError(`--teams ${file}: "${team}" must be "org/team" with an array of logins`);
    Object.defineProperty(out, team, { value: strings(members), enumerable: true });
  }
  return out;
}

function readJson(file: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${flag} ${file}: cannot read the file`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${flag} ${file}: not JSON (${(error as Error).message})`);
  }
}

/** A review's commit may be written as a ref (`HEAD~1`) when debugging; full SHAs pass through. */
async function resolveOrKeep(root: string, commit: string): Promise<string> {
  if (/^[0-9a-f]{40}$/i.test(commit)) return commit.toLowerCase();
  try {
    return await resolveCommit(root, commit);
  } catch {
    return commit;
  }
}

async function originOwner(root: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('git', ['remote', 'get-url', 'origin'], { cwd: root });
    const match = /[:/]([A-Za-z0-9-]+)\/[^/]+?(\.git)?\s*$/.exec(stdout);
    if (match) return match[1]!;
  } catch {
    // no origin remote: fall through
  }
  throw new UsageError('cannot tell the organisation from the origin remote: pass --org');
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}
