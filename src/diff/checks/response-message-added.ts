import { check } from './check.js';

export default check({
  id: 'response-message-added',
  level: 'error',
  direction: 'response',
  specs: ['asyncapi'],
  description:
    'A new message consumers receive: as with a new `oneOf` branch in a response, a consumer that dispatches on message type meets one it has no handler for.',
  message: 'is now also sent',
  fix: 'send the new message on a new channel, or have consumers ignore unknown messages before it ships',
});
