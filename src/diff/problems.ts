import type { DiffProblem } from './types.js';

/**
 * How a diff problem is named. Its message says what is wrong; where it is stays in `file` and
 * `line`, so the JSON report keeps them apart and every other output puts them in front once.
 */

/** Where a problem is: `file:line`, or the file alone when no line is known. */
export function problemPlace(problem: DiffProblem): string {
  return problem.line ? `${problem.file}:${problem.line}` : problem.file;
}

/**
 * A problem in one line of plain words, where it is first (`api.yaml:12: $ref "…" points outside the
 * repository (head).`): what stderr and the review show, where no column says which file.
 */
export function describeProblem(problem: DiffProblem): string {
  return `${problemPlace(problem)}: ${problem.message}`;
}
