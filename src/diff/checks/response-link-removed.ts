import { check } from './check.js';

export default check({
  id: 'response-link-removed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  audience: 'followers',
  description:
    'A response `link` was removed (inline or a `$ref` to `components.links`): clients that follow it to the next operation lose the way there.',
  message: 'was removed',
  twinWaiver: 'Links exist only in responses: they tell the client what it may call next.',
  fix: 'keep the link until clients have stopped following it; add the new way beside it',
});
