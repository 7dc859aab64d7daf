import { check } from './check.js';

export default check({
  id: 'server-variable-changed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  description:
    'A server URL variable was removed, lost allowed values or changed its default: consumers configured with a value (or relying on the default) connect elsewhere or not at all.',
  message: 'changed a URL variable: {detail}',
  fix: 'keep the former values and default available until consumers have moved',
});
