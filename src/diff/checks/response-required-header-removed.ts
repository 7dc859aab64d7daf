import { check } from './check.js';

export default check({
  id: 'response-required-header-removed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description: 'A required response header was removed.',
  message: 'was removed (it was required)',
  twinWaiver: 'Status codes and response headers exist only in responses.',
  fix: 'keep sending the header in every response of this version',
});
