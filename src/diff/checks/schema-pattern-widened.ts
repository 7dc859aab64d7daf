import { schemaChecks } from './check.js';

export default schemaChecks(
  'pattern-widened',
  { request: 'info', response: 'warning' },
  'the `pattern` admits more: an anchor (`^`, `$`) was dropped, or alternatives were added beside every former one (`a|b` → `a|b|c`), or, atom for atom, the bounds of a quantifier or the characters an atom stands for only widened (`[a-z]{1,5}` → `[a-z0-9]{1,10}`, `[a-z]` → `\\w`, `[^,;]` → `[^,]`; class escapes, negated classes and literals are read, property escapes are not), and nothing else changed. JSON Schema searches for a pattern, so `[0-9]+` admits every string holding a digit where `^[0-9]+$` admitted only digits (validators that match patterns whole see no change).',
  'widened its pattern from `{from}` to `{to}`',
  {},
  { response: 'keep the anchors, so values stay within the former pattern in this version' },
);
