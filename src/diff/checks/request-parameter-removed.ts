import { check } from './check.js';

export default check({
  id: 'request-parameter-removed',
  level: 'warning',
  direction: 'request',
  specs: ['openapi'],
  description: 'A parameter was removed: consumers still send it, and a strict server rejects it.',
  message: 'was removed',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
});
