import { check } from './check.js';

export default check({
  id: 'response-status-added',
  level: 'info',
  direction: 'response',
  specs: ['openapi'],
  description:
    'A new non-success status was documented, or the first statuses of an operation that documented none (consumers had no status to dispatch on).',
  message: 'was added',
  twinWaiver: 'Status codes and response headers exist only in responses.',
});
