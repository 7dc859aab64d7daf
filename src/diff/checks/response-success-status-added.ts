import { check } from './check.js';

export default check({
  id: 'response-success-status-added',
  level: 'warning',
  direction: 'response',
  specs: ['openapi'],
  description: 'A new success (2xx) status: consumers that expect the old one may not handle it.',
  message: 'was added',
  twinWaiver: 'Status codes and response headers exist only in responses.',
  fix: 'check that consumers treat any 2xx as success, or keep answering with the former status',
});
