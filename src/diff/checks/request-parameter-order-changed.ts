import { check } from './check.js';

/**
 * Info, not a break: parameters are matched by name and location on the wire, so no request changes.
 * Azure's openapi-diff calls it breaking (1042 ChangedParameterOrder) because generated clients take
 * parameters positionally: regenerating such a client changes its method signatures, and two
 * parameters of one type swap values without a compile error. That hits consumers when they
 * regenerate, not the calls they make today — worth saying, not worth failing a review.
 */
export default check({
  id: 'request-parameter-order-changed',
  level: 'info',
  direction: 'request',
  specs: ['openapi'],
  description:
    'The parameters of an operation are listed in another order: the same requests, but clients generated with positional arguments change their signatures when regenerated.',
  message:
    'are listed in another order ({from} → {to}): requests are unchanged, but clients generated with positional arguments reorder them when regenerated (values of one type swap without a compile error)',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
});
