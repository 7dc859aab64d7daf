import { check } from './check.js';

export default check({
  id: 'spec-version-changed',
  level: 'info',
  direction: 'none',
  description: 'The OpenAPI or AsyncAPI version of the document changed; the comparison spans both versions.',
  message: 'changed from {from} to {to}',
});
