import { check } from './check.js';

export default check({
  id: 'request-body-added-required',
  level: 'error',
  direction: 'request',
  audience: 'omitters',
  specs: ['openapi'],
  description: 'A required request body was added to an operation that had none.',
  message: 'was added as required',
  twinWaiver:
    'A request body has no response-side counterpart beyond the media type and schema checks, which have twins.',
  fix: 'make the body optional, or require it only in a new version',
});
