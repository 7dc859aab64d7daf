import { check } from './check.js';

export default check({
  id: 'webhook-parameter-sunset-brought-forward',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    'A deprecated parameter of a webhook or callback request had its `x-sunset` date moved earlier or dropped: consumers planned to stop reading it by the announced date.',
  message: 'moved its sunset date from {from} to {to}',
  twinWaiver:
    'Consumers read the parameters of the webhook and callback requests the provider sends; the operation twin is `request-parameter-sunset-brought-forward`.',
  fix: 'keep the announced x-sunset date (or a later one)',
});
