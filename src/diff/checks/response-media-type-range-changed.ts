import { check } from './check.js';

export default check({
  id: 'response-media-type-range-changed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    'A response media type was widened to a range that holds it (`application/json` → `application/*`): consumers that read the type may get another one of the range.',
  message: 'offers the range {to} where it offered {from}, so it may send any type within it',
  fix: 'keep offering the type by itself beside the range',
});
