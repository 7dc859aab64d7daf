import { check } from './check.js';

/**
 * Information, as `request-deprecated-parameter-removed` is: `deprecated: true` on the header (or on
 * the header component it refers to) told consumers to stop reading it.
 */
export default check({
  id: 'response-deprecated-header-removed',
  level: 'info',
  direction: 'response',
  specs: ['openapi'],
  description: 'A response header marked `deprecated` was removed: consumers were told to stop reading it.',
  message: 'was removed (it was deprecated)',
  twinWaiver: 'Status codes and response headers exist only in responses.',
});
