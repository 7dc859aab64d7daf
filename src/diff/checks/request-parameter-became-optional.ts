import { check } from './check.js';

export default check({
  id: 'request-parameter-became-optional',
  level: 'info',
  direction: 'request',
  specs: ['openapi'],
  description: 'A required parameter became optional.',
  message: 'became optional',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
});
