import { check } from './check.js';

export default check({
  id: 'operation-removed',
  level: 'error',
  direction: 'none',
  description:
    'An operation (OpenAPI path + method, AsyncAPI operation) was removed without being deprecated first.',
  message: 'was removed',
});
