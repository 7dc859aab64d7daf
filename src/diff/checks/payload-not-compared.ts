import { check } from './check.js';

export default check({
  id: 'payload-not-compared',
  level: 'warning',
  direction: 'both',
  specs: ['asyncapi'],
  audience: 'users',
  description:
    "A message's payload changed, written in a schema language the diff does not read (Protobuf, RAML, XSD, …): whether consumers can still decode it is not known, so it is said rather than passed in silence.",
  message: 'changed, and it is written in `{format}`, which this diff does not compare',
  fix: "compare the two versions with that format's own breaking-change tool (for Protobuf, `buf breaking`), or describe the payload in JSON Schema or Avro, which this diff reads",
});
