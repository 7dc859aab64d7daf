import { check } from './check.js';

export default check({
  id: 'response-status-removed',
  level: 'info',
  direction: 'response',
  specs: ['openapi'],
  description:
    "A non-success response was removed. A code gives way to the range holding it when the head has one (`409` to `4XX`: compared with it, not removed); otherwise, while the head has `default`, its readers now get `default`'s response, so the two are compared and what readers of the former response lose (a field, a header, a body) is reported under `404, now answered by default` by the response checks, at their own severity.",
  message: 'was removed',
  twinWaiver: 'Status codes and response headers exist only in responses.',
});
