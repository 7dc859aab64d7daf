import { check } from './check.js';

export default check({
  id: 'response-message-removed',
  level: 'warning',
  direction: 'response',
  specs: ['asyncapi'],
  description: 'A message consumers read is no longer sent: their handler goes quiet.',
  message: 'is no longer sent',
  fix: 'tell the consumers that listen for it, and keep sending it until they have moved',
});
