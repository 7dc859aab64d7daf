import { schemaChecks } from './check.js';

export default schemaChecks(
  'pattern-narrowed',
  { request: 'warning', response: 'info' },
  'the `pattern` admits less: an anchor (`^`, `$`) was added, or alternatives were dropped (`a|b|c` → `a|b`), or, atom for atom, the bounds of a quantifier or the characters an atom stands for only narrowed (`[a-z0-9]+` → `[a-z]{1,10}`, `\\w` → `[A-Z]`, `[^,]` → `[^,;]`), and nothing else changed. JSON Schema searches for a pattern, so `^[0-9]+$` refuses `id-42`, which `[0-9]+` admitted (validators that match patterns whole see no change).',
  'narrowed its pattern from `{from}` to `{to}`',
  {},
  {
    request: 'leave the pattern unanchored in this version, or check that consumers send only whole matches',
  },
);
