import { check } from './check.js';

export default check({
  id: 'request-media-type-schema-removed',
  level: 'info',
  direction: 'request',
  specs: ['openapi'],
  description: 'A request media type dropped its schema: the provider accepts any body of that type.',
  message: 'no longer has a schema for {name}: any body of that type is accepted',
});
