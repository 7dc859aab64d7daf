import { check } from './check.js';

export default check({
  id: 'security-requirement-added',
  level: 'error',
  direction: 'request',
  audience: 'callers',
  description:
    'A way consumers authenticated no longer suffices (a scheme was added to a requirement, or security was introduced). A scheme renamed with its definition kept (the same type, location, name and flows) asks for the same credentials: no change.',
  message: 'now requires {to} where {from} sufficed',
  twinWaiver: 'Credentials travel only from consumer to provider.',
  fix: 'keep the former way to authenticate as an alternative requirement until consumers have the new credentials',
});
