import { check } from './check.js';

export default check({
  id: 'request-media-type-encoding-changed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    "A form body part's `encoding` no longer accepts a media type it did (`contentType`, or where none is listed the default of the part's type: `application/octet-stream` for bytes, `text/plain` for other primitives, `application/json` for an object), serialises a list or an object in another `style`/`explode` (a single value is written alike), or requires a part header (`headers`) it did not: consumers building the part as before are refused. A part only one side's body schema has is the schema's to judge (a property added or removed), not its encoding's.",
  message: 'changed how part `{name}` is encoded ({detail})',
  fix: 'keep accepting the former media types and style for the part; require the new ones only in a new version',
});
