import { check } from './check.js';

export default check({
  id: 'security-requirement-removed',
  level: 'info',
  direction: 'request',
  audience: 'callers',
  description: 'Security requirements were removed: anonymous access is now allowed.',
  message: 'no longer requires authentication',
  twinWaiver: 'Credentials travel only from consumer to provider.',
});
