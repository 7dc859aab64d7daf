/** What the review check shows when it does not review: it could not finish, was superseded or retargeted, or the config is invalid. */
import type { CheckOutput } from '../adapters/github/check-run.js';
import { CONFIG_PATH } from '../adapters/github/config.js';
import { markdownCode, markdownParagraphs, plainValue } from '../core/inert-text.js';
import { renderSummary } from '../review/render/summary.js';
import { invalidConfigReview } from '../review/review-pull-request.js';
import type { RuleDocs } from '../review/rule-docs.js';

const RERUN_HINT =
  '**To try again:** use **Re-run** on this check (or push a new commit). Nothing was approved: the check fails rather than pass unreviewed.';

export function failureOutput(reason: string): CheckOutput {
  return {
    conclusion: 'failure',
    title: 'The review could not finish',
    summary: `## ❌ Blueprint review could not finish\n\n${markdownParagraphs(reason)}\n\n${RERUN_HINT}\n`,
  };
}

export function supersededOutput(why: string): CheckOutput {
  return {
    conclusion: 'cancelled',
    title: 'Superseded by a newer commit',
    summary: `This review stopped because ${why}; the newest commit is reviewed instead.\n`,
  };
}

/**
 * A run left in progress by an attempt whose later write failed, replaced by a newer run of the check
 * (its annotations would show twice in it): completed, failing closed, so no run stays pending.
 */
export function replacedOutput(): CheckOutput {
  return {
    conclusion: 'cancelled',
    title: 'Replaced by a newer run',
    summary:
      'This review was interrupted after writing some of its annotations and was run again: its result is in ' +
      'the newer run of this check on the same commit.\n',
  };
}

export function retargetedOutput(from: string, to: string): CheckOutput {
  return {
    conclusion: 'cancelled',
    title: `The pull request now targets ${plainValue(to)}`,
    // Branch names are repository text: a backtick is allowed in one and would close a plain code span.
    summary: `This review was for a pull request into ${markdownCode(from)}; it now targets ${markdownCode(to)} and is reviewed there, under that base's configuration.\n`,
  };
}

export function configInvalidOutput(problems: string[], docs: RuleDocs): CheckOutput {
  return {
    conclusion: 'failure',
    title: `Invalid ${CONFIG_PATH}`,
    summary: renderSummary(invalidConfigReview(problems), { docs }),
  };
}
