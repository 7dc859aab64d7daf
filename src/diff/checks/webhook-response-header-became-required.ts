import { check } from './check.js';

export default check({
  id: 'webhook-response-header-became-required',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A header consumers may answer a webhook or callback with became required: answers without it no longer satisfy the provider.',
  message: 'became required',
  twinWaiver: 'Consumers answer webhooks and callbacks; the provider reads the answer.',
  audience: 'omitters',
  fix: 'keep accepting answers without it in this version',
});
