import { check } from './check.js';

export default check({
  id: 'channel-parameter-changed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description:
    'A channel address parameter was removed, lost allowed values (its enum, or in 2.x a narrower schema type, a new pattern or format, or a narrower length or range), changed its default or is read from another place in the message (`location`).',
  message: 'changed an address parameter: {detail}',
  fix: 'keep the former parameter values, default and location',
});
