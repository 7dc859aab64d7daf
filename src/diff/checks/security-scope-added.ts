import { check } from './check.js';

export default check({
  id: 'security-scope-added',
  level: 'error',
  direction: 'request',
  audience: 'callers',
  description: 'An OAuth scope was added to a security requirement.',
  message: 'now requires scopes {values}, which it did not require before',
  twinWaiver: 'Credentials travel only from consumer to provider.',
  fix: 'keep the former scopes sufficient (an alternative requirement) until consumers have tokens with the new scope',
});
