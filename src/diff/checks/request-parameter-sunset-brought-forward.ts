import { check } from './check.js';

export default check({
  id: 'request-parameter-sunset-brought-forward',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    "A deprecated parameter's `x-sunset` date moved earlier or was dropped: consumers planned to stop sending it by the announced date.",
  message: 'moved its sunset date from {from} to {to}',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
  fix: 'keep the announced x-sunset date (or a later one)',
});
