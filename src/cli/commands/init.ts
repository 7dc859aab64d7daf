import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { CONFIG_OPTION, onePath } from './shared-options.js';

const SOURCES = ['contracts', 'backstage', 'both'] as const;

export const initCommand: Command = {
  name: 'init',
  summary: 'start a blueprint from the repository\u2019s OpenAPI/AsyncAPI files and Backstage catalog',
  synopsis: '[dir]',
  description: `Starts a blueprint from what the repository already has: its OpenAPI and AsyncAPI documents and its
Backstage catalog (catalog-info.yaml). Systems, broker channels, contracts and flows are filled in;
policies, requirements and decisions are left as TODOs, and the lint findings of the new blueprint are
printed as the to-do list. With nothing to read, it starts a blueprint to write by hand (commented
examples, lints clean). Nothing is fetched from the network.`,
  report: 'stdout',
  options: [
    { name: 'from', type: 'string', choices: SOURCES, default: 'both', description: 'which sources to read' },
    {
      name: 'out',
      type: 'string',
      value: 'DIR',
      description: 'blueprint folder, inside the repository (default: <dir>/blueprint)',
    },
    {
      name: 'dry-run',
      type: 'boolean',
      description: 'print what would be written, and the to-do list; write nothing',
    },
    {
      name: 'force',
      type: 'boolean',
      description: 'overwrite files that exist (without it, init never overwrites)',
    },
    {
      name: 'update',
      type: 'boolean',
      description:
        'write nothing; report what the sources now say that the blueprint at --out does not (drift), with file and line, and exit 1 when there is any — for CI',
    },
    {
      ...CONFIG_OPTION,
      description: "config file for the to-do list's rules (default: <repo>/.github/blueprint-review.yml)",
    },
  ],
  async run(context) {
    const { values } = context;
    const { runInit } = await import('../init-run.js');
    return runInit(context, {
      dir: onePath(context.positionals),
      from: stringOption(values, 'from') as (typeof SOURCES)[number],
      out: stringOption(values, 'out'),
      dryRun: values['dry-run'] === true,
      force: values.force === true,
      update: values.update === true,
      config: stringOption(values, 'config'),
    });
  },
};
