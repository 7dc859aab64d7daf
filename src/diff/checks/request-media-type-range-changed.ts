import { check } from './check.js';

export default check({
  id: 'request-media-type-range-changed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A request media type range was narrowed to one type within it (`application/*` → `application/json`): consumers sending another type of the range get 415.',
  message: 'accepts only {to} where it accepted the range {from}',
  fix: 'keep accepting the whole range; accept only the narrower type in a new version',
});
