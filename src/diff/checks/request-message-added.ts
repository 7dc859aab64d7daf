import { check } from './check.js';

export default check({
  id: 'request-message-added',
  level: 'info',
  direction: 'request',
  specs: ['asyncapi'],
  description: 'A new message consumers may send.',
  message: 'is now also accepted',
});
