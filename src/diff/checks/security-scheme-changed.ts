import { check } from './check.js';

export default check({
  id: 'security-scheme-changed',
  level: 'error',
  direction: 'request',
  audience: 'callers',
  description: "A security scheme's type, location, name, scheme or token endpoints changed.",
  message: 'changed: {detail}',
  twinWaiver: 'Credentials travel only from consumer to provider.',
});
