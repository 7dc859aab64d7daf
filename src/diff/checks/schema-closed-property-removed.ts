import { check } from './check.js';

/**
 * An error where `request-property-removed` is a warning: the closed object now says that a request
 * carrying the property is invalid, as `request-additional-properties-closed` does for unknown ones,
 * so a server that validates answers 400 to every consumer still sending it.
 */
export default check({
  id: 'request-closed-property-removed',
  level: 'error',
  direction: 'request',
  delta: 'closed-property-removed',
  description:
    'In what consumers send: a property was removed from an object that admits no other properties (`additionalProperties: false` or `unevaluatedProperties: false`): a request that still sends it is now invalid.',
  message: 'was removed from an object closed to unknown properties',
  twinWaiver:
    'A reader ignores what it is no longer sent whether the object is closed or not: `response-property-removed` and `response-required-property-removed` judge it.',
  fix: 'keep the property (and ignore it if unused) until consumers have stopped sending it, or admit unknown properties',
});
