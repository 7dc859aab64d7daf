import { check } from './check.js';

export default check({
  id: 'request-body-became-optional',
  level: 'info',
  direction: 'request',
  specs: ['openapi'],
  description: 'The request body became optional.',
  message: 'became optional',
  twinWaiver:
    'A request body has no response-side counterpart beyond the media type and schema checks, which have twins.',
});
