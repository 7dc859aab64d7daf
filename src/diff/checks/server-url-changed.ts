import { check } from './check.js';

export default check({
  id: 'server-url-changed',
  level: 'info',
  direction: 'none',
  specs: ['openapi'],
  description:
    "A server's host or scheme changed while its base path stays (another environment, a 2.0 `host` written as a 3.x URL).",
  message: 'is now {to}',
});
