import { check } from './check.js';

export default check({
  id: 'response-link-parameter-removed',
  level: 'warning',
  direction: 'response',
  specs: ['openapi'],
  audience: 'followers',
  description:
    'A response `link` no longer fills a parameter it did: clients following it still send the parameter, which the target operation may no longer expect.',
  message: 'no longer fills parameter `{name}`',
  twinWaiver: 'Links exist only in responses: they tell the client what it may call next.',
  fix: 'keep filling the parameter in the link until the target operation stops taking it',
});
