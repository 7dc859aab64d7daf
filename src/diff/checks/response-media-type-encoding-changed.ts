import { check } from './check.js';

export default check({
  id: 'response-media-type-encoding-changed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    "A form body part's `encoding` in a response may now carry a media type it did not (`contentType`, or where none is listed the default of the part's type: `application/octet-stream` for bytes, `text/plain` for other primitives, `application/json` for an object), serialises a list or an object in another `style`/`explode` (a single value is written alike), or no longer always sends a part header it required (`headers`): consumers parsing the part as before fail. A part only one side's body schema has is the schema's to judge (a property added or removed), not its encoding's.",
  message: 'changed how part `{name}` is encoded ({detail})',
  fix: 'keep sending the part in the former media types and style; send the new ones only in a new version',
});
