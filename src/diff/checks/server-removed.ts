import { check } from './check.js';

export default check({
  id: 'server-removed',
  level: 'error',
  direction: 'none',
  description: 'A server (OpenAPI `servers` URL, AsyncAPI server) was removed.',
  message: 'was removed{detail}',
});
