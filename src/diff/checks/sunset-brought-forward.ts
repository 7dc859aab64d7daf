import { check } from './check.js';

export default check({
  id: 'sunset-brought-forward',
  level: 'error',
  direction: 'none',
  specs: ['openapi'],
  description:
    "A deprecated operation's `x-sunset` date moved earlier or was dropped: consumers planned their migration by the announced date.",
  message: 'moved its sunset date from {from} to {to}',
  fix: 'keep the announced x-sunset date (or a later one)',
});
