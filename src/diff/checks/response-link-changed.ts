import { check } from './check.js';

export default check({
  id: 'response-link-changed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  audience: 'followers',
  description:
    'A response `link` leads to another operation (`operationId`/`operationRef`), or fills a parameter, the request body or the server from another value: clients following it as before call the wrong operation or send other values.',
  message: 'changed ({detail})',
  twinWaiver: 'Links exist only in responses: they tell the client what it may call next.',
  fix: 'keep the link as it was and add the new one under another name; retire the old one in a new version',
});
