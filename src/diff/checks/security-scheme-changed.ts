import { check } from './check.js';

export default check({
  id: 'security-scheme-changed',
  level: 'error',
  direction: 'request',
  audience: 'callers',
  description:
    "A security scheme's type, location, name, scheme, bearer format or OAuth URLs changed (a refresh URL or bearer format given where there was none breaks nobody, nor does an HTTP scheme or a header's name written in another letter case, which HTTP ignores), or an OAuth flow no longer offers a scope operations still require. One change lists every operation that uses the scheme (for a scope, those that require it); a scheme no operation asks for any more is information. An AsyncAPI 3 scheme written in place in a security list and edited there is this change, found by its kind wherever it moved in the list, not a requirement replaced.",
  message: 'changed: {detail}',
  twinWaiver: 'Credentials travel only from consumer to provider.',
  fix: 'add the new scheme beside the old one (as an alternative requirement) and retire the old one once consumers have moved',
});
