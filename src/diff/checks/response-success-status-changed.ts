import { check } from './check.js';

export default check({
  id: 'response-success-status-changed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    "An operation's one success (2xx) status was replaced by another (200 → 201): clients that dispatch on the documented code take the new one for a failure. Reported once, as a change, and the new response's body compared with the former one's; a move to 204 or 205 that drops the body says so in the same finding (\"is now 204, without a body\"), not once more per media type.",
  message: 'is now {to}',
  twinWaiver: 'Status codes and response headers exist only in responses.',
  fix: 'keep answering with the former status in this version',
});
