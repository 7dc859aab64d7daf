import { check } from './check.js';

export default check({
  id: 'response-header-became-optional',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description: 'A required response header became optional.',
  message: 'became optional',
  twinWaiver: 'Status codes and response headers exist only in responses.',
  fix: 'keep sending the header in every response of this version',
});
