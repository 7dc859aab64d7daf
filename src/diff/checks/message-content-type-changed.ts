import { check } from './check.js';

export default check({
  id: 'message-content-type-changed',
  level: 'error',
  direction: 'both',
  specs: ['asyncapi'],
  description:
    "A message's `contentType` changed (its own, or the document's `defaultContentType` it inherits): consumers decode it differently.",
  message: 'changed content type from {from} to {to}',
  fix: 'publish the new encoding as a new message or channel and keep the former one',
});
