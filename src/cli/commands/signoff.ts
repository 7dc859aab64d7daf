import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { UsageError } from '../io.js';
import { onePath, formatOption } from './shared-options.js';

const FORMATS = ['text', 'markdown', 'json'] as const;

export const signoffCommand: Command = {
  name: 'signoff',
  summary: 'print the sign-off gate decision for a local pull request state',
  synopsis: '--base REF [--head REF] [path] --reviews FILE',
  description: `Prints the sign-off gate's decision for a local pull request state (for debugging the gate).
The config (.github/blueprint-review.yml) and the owners are read at --base; the content at --head.
path is the repository (default: .).`,
  report: 'stdout',
  options: [
    {
      name: 'base',
      type: 'string',
      value: 'REF',
      description: "the pull request's base (branch, tag or SHA)",
    },
    { name: 'head', type: 'string', value: 'REF', default: 'HEAD', description: "the pull request's head" },
    {
      name: 'reviews',
      type: 'string',
      value: 'FILE',
      description:
        "JSON: the reviews (GitHub's `pulls/N/reviews` answer, or [{user, state, commitId, submittedAt}]), or {author, labels, pushers, writers, commits: [{sha, author, committer}], reviews, events, retargetedAt}; `writers` lists who has write access (without it no approval counts); `events`, GitHub's `issues/N/events` answer (who dismissed a review and what it was, who took a label off, when the base changed); `retargetedAt`, when the base branch was last changed (approvals before it do not count)",
    },
    {
      name: 'teams',
      type: 'string',
      value: 'FILE',
      description: 'JSON: {"org/team": ["login", ...]}; without it no team membership can be confirmed',
    },
    {
      name: 'author',
      type: 'string',
      value: 'LOGIN',
      description: "the pull request author's login (overrides the reviews file)",
    },
    {
      name: 'org',
      type: 'string',
      value: 'ORG',
      description: 'owner of the default teams (default: from the origin remote)',
    },
    formatOption(FORMATS),
  ],
  epilogue:
    "Exit codes: 0 signed off, 1 approvals missing or blocked, 2 usage error. (No --fail-on: the exit is the gate's own decision.)",
  async run(context) {
    const { values } = context;
    const base = stringOption(values, 'base');
    const reviews = stringOption(values, 'reviews');
    if (!base) throw new UsageError('--base is required');
    if (!reviews) throw new UsageError('--reviews is required');
    const { runSignoff } = await import('../signoff-run.js');
    return runSignoff(context, {
      base,
      head: stringOption(values, 'head') ?? 'HEAD',
      target: onePath(context.positionals),
      reviews,
      teams: stringOption(values, 'teams'),
      author: stringOption(values, 'author'),
      org: stringOption(values, 'org'),
      format: stringOption(values, 'format') as (typeof FORMATS)[number],
    });
  },
};
