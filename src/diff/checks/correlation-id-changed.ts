import { check } from './check.js';

export default check({
  id: 'correlation-id-changed',
  level: 'error',
  direction: 'both',
  specs: ['asyncapi'],
  description: "A message's correlation id moved or disappeared: consumers can no longer match replies.",
  message: 'changed its correlation id from {from} to {to}',
  fix: 'keep the correlation id where it was',
});
