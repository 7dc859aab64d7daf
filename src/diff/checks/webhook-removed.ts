import { check } from './check.js';

export default check({
  id: 'webhook-removed',
  level: 'error',
  direction: 'response',
  audience: 'readers',
  specs: ['openapi'],
  description:
    'A webhook or callback the provider sent to consumers was removed: their handlers wait for calls that no longer come. A callback of an operation that moved (paired by its operationId, or a path parameter renamed) is still its callback: compared under the moved operation, not removed.',
  message: 'is no longer sent to consumers',
  twinWaiver: 'Webhooks and callbacks flow from the provider to consumers: consumers only receive them.',
  fix: 'keep sending it (mark it deprecated first) until consumers have moved to its replacement',
});
