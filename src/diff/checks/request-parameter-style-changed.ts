import { check } from './check.js';

export default check({
  id: 'request-parameter-style-changed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    "A parameter's serialisation changed what consumers send: `style`/`explode` (2.0 `collectionFormat`) of the array or object values both sides admit (under `style: simple` an array is `a,b,c` exploded or not, an object's `R,100` becomes `R=100`), a path value's `label`/`matrix` prefix, or a move between `schema` and a `content` media type that spells the value otherwise (JSON quotes a string: `?q=%22abc%22`; a number or boolean reads the same).",
  message: 'changed serialisation from {from} to {to}',
  twinWaiver: 'Parameters exist only in requests; response headers have their own checks.',
  fix: 'accept both serializations, or change it only in a new version',
});
