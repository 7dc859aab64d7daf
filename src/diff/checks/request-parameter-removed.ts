import { check } from './check.js';

/**
 * A warning, as in oasdiff (request-parameter-removed: WARN; Optic's breaking-change rules do not
 * flag it): OpenAPI cannot say that a server rejects parameters it does not know, and servers
 * usually ignore them, so whether a caller breaks depends on what the parameter did — required or
 * optional alike. Removed before a promised sunset date it is an error (its own check).
 */
export default check({
  id: 'request-parameter-removed',
  level: 'warning',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A parameter was removed without being deprecated first: consumers still send it, and the server now ignores it (silently changing what the call does, if it filtered or selected something) or, if strict, rejects it.',
  message: 'was removed',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
  fix: 'keep accepting the parameter (and ignore it if unused), deprecate it first, and remove it in a new version',
});
