import type { Command } from '../command.js';
import { stringOption, stringsOption } from '../command.js';
import { UsageError } from '../io.js';
import type { MediatorMode } from '../../doc/mediator-mode.js';
import { DEFAULT_MEDIATOR_MODE, MEDIATOR_MODES } from '../../doc/mediator-mode.js';
import { CONFIG_OPTION, onePath } from './shared-options.js';

export const docCommand: Command = {
  name: 'doc',
  summary: 'write the architecture document (Markdown + self-contained HTML) of each blueprint',
  synopsis: '[path] --out DIR',
  description: `Writes the architecture document of every blueprint under path (default: .), or of the one
whose blueprint.yaml is given, for the review meeting: DIR/<blueprint name>.md (renders on GitHub,
Mermaid topology included) and DIR/<blueprint name>.html (self-contained: opens offline, diagram
rendered in the page). Open lint findings are part of both.

A topology too big for one Mermaid diagram (500 arrows or 50,000 characters) is drawn as an overview
of its domains (systems' \`domain\`, else their owner) and one diagram per domain.`,
  report: 'files',
  options: [
    {
      name: 'out',
      short: 'o',
      aliases: ['output'],
      type: 'string',
      value: 'DIR',
      description: 'folder to write to (created when missing)',
    },
    CONFIG_OPTION,
    {
      name: 'mediators',
      type: 'string',
      choices: MEDIATOR_MODES,
      default: DEFAULT_MEDIATOR_MODE,
      description:
        'platform components a flow goes through (gateway, topic, ETL job): boxes on its path, or a line of its label',
    },
    {
      name: 'blueprint',
      type: 'string',
      multiple: true,
      value: 'GLOB',
      description: 'glob of blueprint folders, relative to the repository root (repeatable)',
    },
  ],
  epilogue:
    'Exit codes: 0 written, 1 a blueprint does not load or holds values of the wrong type (no document for it), 2 usage or configuration error.',
  async run(context) {
    const out = stringOption(context.values, 'out');
    if (!out) throw new UsageError('--out DIR is required');
    const target = onePath(context.positionals);
    const { writeDocuments } = await import('../write-documents.js');
    return writeDocuments(context, {
      target,
      out,
      configFile: stringOption(context.values, 'config'),
      globs: stringsOption(context.values, 'blueprint'),
      mediators: (stringOption(context.values, 'mediators') ?? DEFAULT_MEDIATOR_MODE) as MediatorMode,
    });
  },
};
