import { check } from './check.js';

export default check({
  id: 'request-parameter-added',
  level: 'info',
  direction: 'request',
  specs: ['openapi'],
  description: 'An optional parameter was added.',
  message: 'was added (optional)',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
});
