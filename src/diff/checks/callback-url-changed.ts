import { check } from './check.js';

export default check({
  id: 'callback-url-changed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['openapi'],
  description:
    "A callback's URL expression changed (`{$request.body#/url}` → `{$request.body#/callbackUrl}`): the provider now calls the URL it finds elsewhere, so consumers that give theirs where they did are no longer called.",
  message: 'is now sent to {to} instead of {from}',
  fix: 'keep calling the URL where consumers give it today (read both places); move it only in a new version',
});
