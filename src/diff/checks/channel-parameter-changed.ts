import { check } from './check.js';

export default check({
  id: 'channel-parameter-changed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description:
    'A channel address parameter was removed, lost allowed values, changed its default or is read from another place in the message (`location`).',
  message: 'changed an address parameter: {detail}',
  fix: 'keep the former parameter values, default and location',
});
