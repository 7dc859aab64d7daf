import { check } from './check.js';

export default check({
  id: 'request-body-removed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description: 'The request body was removed: consumers still send one, and the server no longer reads it.',
  message: 'was removed',
  twinWaiver:
    'A request body has no response-side counterpart beyond the media type and schema checks, which have twins.',
  fix: 'keep accepting (and ignoring) the body until consumers have stopped sending it',
});
