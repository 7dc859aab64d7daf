import { check } from './check.js';

export default check({
  id: 'request-parameter-removed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A parameter was removed without being deprecated first: consumers still send it, and the server now ignores it (silently changing what the call does) or rejects it.',
  message: 'was removed',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
  fix: 'keep accepting the parameter (and ignore it if unused), deprecate it first, and remove it in a new version',
});
