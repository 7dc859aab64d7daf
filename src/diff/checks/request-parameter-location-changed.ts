import { check } from './check.js';

export default check({
  id: 'request-parameter-location-changed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A parameter moved (e.g. from `query` to `header`): another location declares its name, in the same case unless one of the two is a header (header names ignore case; query, path and cookie names do not, so query `Token` → cookie `token` is one parameter removed and another added).',
  message: 'moved from {from} to {to}',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
  fix: 'accept the parameter in both places, or move it only in a new version',
});
