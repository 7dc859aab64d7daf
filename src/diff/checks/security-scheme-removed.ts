import { check } from './check.js';

export default check({
  id: 'security-scheme-removed',
  level: 'error',
  direction: 'request',
  audience: 'callers',
  description:
    'A security scheme definition was removed while operations still ask for it. A scheme no operation asks for any more is information: the requirement that changed is where the break is reported.',
  message: 'was removed',
  twinWaiver: 'Credentials travel only from consumer to provider.',
  fix: 'keep the scheme as an alternative requirement until consumers have moved to another',
});
