import { check } from './check.js';

export default check({
  id: 'operation-removed',
  level: 'error',
  direction: 'none',
  description:
    'An operation (OpenAPI path + method, AsyncAPI operation) was removed without being deprecated first.',
  message: 'was removed',
  fix: 'restore it, mark it deprecated with an x-sunset date, and remove it after that date (or in a new major version)',
  asyncApiFix:
    'restore it and announce its removal to the consumers of its channel; remove it in a new major version of the document',
});
