import { check } from './check.js';

export default check({
  id: 'channel-parameter-pattern-changed',
  level: 'warning',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description:
    "A 2.x channel address parameter's `pattern` was replaced by another (whether it narrows cannot be decided in general).",
  message: 'changed the pattern of an address parameter: {detail}',
  fix: 'make the new pattern accept every value the old one did',
});
