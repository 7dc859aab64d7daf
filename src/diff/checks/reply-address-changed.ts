import { check } from './check.js';

export default check({
  id: 'reply-address-changed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description:
    'The place an AsyncAPI 3 request names its reply address in (`reply.address.location`, e.g. a header) moved or disappeared: whoever sets it or reads it in the old place no longer gets the replies through.',
  message: 'now gives the address to reply to at {to} instead of {from}',
  fix: 'keep the reply address where it was (read or write both places while consumers move)',
});
