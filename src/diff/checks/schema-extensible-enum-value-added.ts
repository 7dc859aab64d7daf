import { schemaChecks } from './check.js';

export default schemaChecks(
  'extensible-enum-value-added',
  { request: 'info', response: 'info' },
  'values were added to an extensible enum (`x-extensible-enum`): consumers were told to expect new values.',
  'lists new values {values} (an extensible enum: consumers expect new values)',
);
