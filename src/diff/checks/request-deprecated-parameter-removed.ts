import { check } from './check.js';

export default check({
  id: 'request-deprecated-parameter-removed',
  level: 'info',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A deprecated parameter was removed (after its `x-sunset` date, or it had none): consumers were told to stop sending it.',
  message: 'was removed after its deprecation',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
});
