import { check } from './check.js';

export default check({
  id: 'request-body-became-required',
  level: 'error',
  direction: 'request',
  audience: 'omitters',
  specs: ['openapi'],
  description: 'The request body became required.',
  message: 'became required',
  twinWaiver:
    'A request body has no response-side counterpart beyond the media type and schema checks, which have twins.',
  fix: 'keep the body optional, or require it only in a new version',
});
