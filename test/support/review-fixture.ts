/**
 * Reviews for tests: the input of a review of two in-memory snapshots, and reviews for the tests of
 * what renders or posts one. A test states only what it is about (its files, findings, contracts,
 * owners…) over the rest held fixed.
 */
import { InMemoryFileSource } from '../../src/core/file-source.js';
import type { Finding } from '../../src/core/finding.js';
import type { ChangedFile, ContractReview, NewFinding, Review, ReviewInput } from '../../src/review/types.js';
import { RULE_SET } from '../../rules/index.js';
import { renderCheckRun } from '../../src/review/render/check-run.js';
import { ruleDocs } from '../../src/review/rule-docs.js';

type Files = Record<string, string>;

/** A reviewed pull request of one changed file in one blueprint, nothing found: a failing check. */
export function emptyReview(over: Partial<Review> = {}): Review {
  return {
    outcome: { kind: 'reviewed' },
    baseLabel: 'main',
    headLabel: 'feature',
    blueprints: ['blueprint'],
    newFindings: [],
    preExisting: [],
    fixed: [],
    contracts: [],
    touched: { flows: [], systems: [] },
    flows: [],
    owners: [],
    additions: [],
    conclusion: 'failure',
    stats: { changedFiles: 1, blueprints: 1, contractsDiffed: 0, contractsUnchanged: 0 },
    ...over,
  };
}

/** The finalized `orders-api` contract (owned by acme/orders, consumed by webshop) changed by `breaking`. */
export function ordersApiChange(breaking: Finding): ContractReview {
  return {
    id: 'orders-api',
    blueprint: 'blueprint',
    kind: 'document-changed',
    file: breaking.file,
    status: 'finalized',
    owner: 'acme/orders',
    consumers: ['webshop'],
    changes: [breaking],
    problems: [],
  };
}

/** Review input for two in-memory snapshots: the `blueprint` folder, every rule, the files that differ as changed. */
export function snapshotReview(base: Files, head: Files, over: Partial<ReviewInput> = {}): ReviewInput {
  return {
    base: new InMemoryFileSource(base, 'base'),
    head: new InMemoryFileSource(head, 'head'),
    changedFiles: changedFilesBetween(base, head),
    config: { blueprints: ['blueprint'] },
    ruleSet: RULE_SET,
    ...over,
  };
}

/** The files that differ between two snapshots, as a pull request lists them (sorted by path). */
export function changedFilesBetween(base: Files, head: Files): ChangedFile[] {
  const paths = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
  return paths.flatMap((path): ChangedFile[] => {
    if (base[path] === head[path]) return [];
    if (base[path] === undefined) return [{ path, status: 'added' }];
    if (head[path] === undefined) return [{ path, status: 'removed' }];
    return [{ path, status: 'modified' }];
  });
}

/**
 * The files that differ, each with a patch that replaces every line: every finding of a changed file
 * lies on a changed line, so each one is placed (commented on, annotated) rather than listed elsewhere.
 */
export function rewrittenFilesBetween(base: Files, head: Files): ChangedFile[] {
  return changedFilesBetween(base, head).map((file) => ({
    ...file,
    patch: replaceAllPatch(base[file.path], head[file.path]),
  }));
}

/** A unified diff hunk replacing every line of `before` (absent: none) with every line of `after`. */
export function replaceAllPatch(before: string | undefined, after: string | undefined): string {
  const old = linesOf(before);
  const now = linesOf(after);
  return [
    `@@ -${old.length ? 1 : 0},${old.length} +${now.length ? 1 : 0},${now.length} @@`,
    ...old.map((l) => `-${l}`),
    ...now.map((l) => `+${l}`),
  ].join('\n');
}

/** A file's lines as a patch counts them: the newline ending the last one does not start another. */
function linesOf(text: string | undefined): string[] {
  return text === undefined ? [] : text.replace(/\n$/, '').split('\n');
}

/** The check run's summary of `review` on main, with `elsewhere` listed there (no line comments). */
export function checkSummary(review: Review, elsewhere: NewFinding[]): string {
  return renderCheckRun(
    review,
    { comments: [], elsewhere },
    { docs: ruleDocs(RULE_SET), checkName: 'Blueprint review: main' },
  ).summary;
}
