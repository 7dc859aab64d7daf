import { check } from './check.js';

export default check({
  id: 'request-parameter-became-required',
  level: 'error',
  direction: 'request',
  audience: 'omitters',
  specs: ['openapi'],
  description: 'An optional parameter became required.',
  message: 'became required',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
  fix: 'keep it optional with a default the provider applies, or require it only in a new version',
});
