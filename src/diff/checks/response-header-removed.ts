import { check } from './check.js';

export default check({
  id: 'response-header-removed',
  level: 'warning',
  direction: 'response',
  specs: ['openapi'],
  description: 'An optional response header was removed.',
  message: 'was removed',
  twinWaiver: 'Status codes and response headers exist only in responses.',
  fix: 'keep sending the header until consumers have stopped reading it',
});
