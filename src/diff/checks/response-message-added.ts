import { check } from './check.js';

export default check({
  id: 'response-message-added',
  level: 'warning',
  direction: 'response',
  specs: ['asyncapi'],
  description:
    'A new message consumers receive: a consumer that dispatches on message type may not handle it.',
  message: 'is now also sent',
});
