import { check } from './check.js';

export default check({
  id: 'response-status-removed',
  level: 'info',
  direction: 'response',
  specs: ['openapi'],
  description: 'A non-success response was removed.',
  message: 'was removed',
  twinWaiver: 'Status codes and response headers exist only in responses.',
});
