/**
 * Contract diff: breaking-change detection for OpenAPI (2.0, 3.0, 3.1) and AsyncAPI (2.x, 3.0).
 *
 * - `diffContracts(base, head, options)` → `{ changes, problems, documents }` (see diff-contracts.ts)
 * - `changesToFindings(outcome)` → `BreakingFinding[]` (rule ids `breaking/<check id>`)
 * - `CHECKS` → every check with its id, level, direction and description (docs/breaking-changes.md)
 */
export { diffContracts } from './diff-contracts.js';
export type { DiffOutcome } from './diff-contracts.js';
export { changesToFindings } from './findings.js';
export type { BreakingFinding } from './findings.js';
export { createParseCache } from './load.js';
export { describeProblem } from './problems.js';
export { CHECKS, CHECKS_BY_ID } from './checks/index.js';
export type { Check } from './checks/check.js';
export type * from './types.js';
