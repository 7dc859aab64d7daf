/**
 * The glob patterns a config holds, checked as it loads (core/safe-glob.ts): one that could take
 * minutes to match is a config problem on its line, naming the pattern — never a review, a sign-off
 * or a CLI run that hangs on it. The patterns: `blueprints` (blueprint folders) and each sign-off
 * rule's `when.paths`.
 */
import { globProblem } from '../core/safe-glob.js';
import { quoted } from '../core/inert-text.js';

export interface GlobViolation {
  /** JSON pointer of the pattern in the config. */
  pointer: string;
  message: string;
}

/** Every unsafe pattern of a config that passed its schema. */
export function unsafeConfigGlobs(config: unknown): GlobViolation[] {
  const value = config as { blueprints?: unknown; signoff?: { rules?: unknown } } | null;
  const lists: { pointer: string; patterns: unknown }[] = [
    { pointer: '/blueprints', patterns: value?.blueprints },
  ];
  const rules = value?.signoff?.rules;
  if (Array.isArray(rules))
    rules.forEach((rule: { when?: { paths?: unknown } } | null, i) =>
      lists.push({ pointer: `/signoff/rules/${i}/when/paths`, patterns: rule?.when?.paths }),
    );
  return lists.flatMap(({ pointer, patterns }) => violationsIn(pointer, patterns));
}

function violationsIn(pointer: string, patterns: unknown): GlobViolation[] {
  if (!Array.isArray(patterns)) return [];
  return patterns.flatMap((pattern, i) => {
    const problem = typeof pattern === 'string' ? globProblem(pattern) : undefined;
    return problem
      ? [
          {
            pointer: `${pointer}/${i}`,
            message: `the glob pattern ${quoted(pattern as string)} is refused: ${problem}`,
          },
        ]
      : [];
  });
}
