import { check } from './check.js';

export default check({
  id: 'deprecated-operation-removed-without-sunset',
  level: 'warning',
  direction: 'none',
  specs: ['openapi'],
  description:
    'A deprecated operation without an `x-sunset` date was removed: consumers were warned but given no date.',
  message: 'was removed; it was deprecated but had no x-sunset date',
  fix: 'announce an x-sunset date when deprecating, and remove the operation after it',
});
