import { check } from './check.js';

export default check({
  id: 'response-success-status-removed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description: 'A success (2xx) response was removed.',
  message: 'was removed',
  twinWaiver: 'Status codes and response headers exist only in responses.',
  fix: 'keep answering with the former status in this version',
});
