import { check } from './check.js';

export default check({
  id: 'security-scheme-removed',
  level: 'error',
  direction: 'request',
  audience: 'callers',
  description: 'A security scheme definition was removed.',
  message: 'was removed',
  twinWaiver: 'Credentials travel only from consumer to provider.',
  fix: 'keep the scheme as an alternative requirement until consumers have moved to another',
});
