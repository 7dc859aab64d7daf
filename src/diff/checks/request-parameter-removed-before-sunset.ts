import { check } from './check.js';

export default check({
  id: 'request-parameter-removed-before-sunset',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description: 'A deprecated parameter was removed before its `x-sunset` date.',
  message: 'was removed before its sunset date {to}',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
  fix: 'keep accepting the parameter until its x-sunset date has passed',
});
