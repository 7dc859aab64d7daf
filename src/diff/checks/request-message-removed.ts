import { check } from './check.js';

export default check({
  id: 'request-message-removed',
  level: 'error',
  direction: 'request',
  specs: ['asyncapi'],
  description: 'A message consumers send is no longer accepted.',
  message: 'is no longer accepted',
  fix: 'keep accepting the message until consumers have stopped sending it',
});
