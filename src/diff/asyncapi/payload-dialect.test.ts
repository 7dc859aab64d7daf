import { describe, expect, it } from 'vitest';
import { payloadDialect } from './payload-dialect.js';

describe('the dialect of an AsyncAPI payload, by its schemaFormat', () => {
  it.each([
    [undefined, '3.0'],
    ['application/vnd.aai.asyncapi+json;version=3.0.0', '3.0'],
    ['application/schema+json;version=draft-07', 'draft-07'],
    ['application/schema+yaml;version=draft-04', 'draft-07'],
    ['application/schema+json;version=draft-06', 'draft-07'],
    ['application/schema+json;version=http://json-schema.org/draft-07/schema#', 'draft-07'],
    ['application/schema+json;version=draft-03', '3.0'],
    ['application/schema+json', '3.0'],
    ['application/vnd.oai.openapi;version=3.0.0', '3.0'],
    ['application/schema+json;version=2020-12', '2020-12'],
    ['application/schema+json; version="draft/2020-12"', '2020-12'],
    ['Application/Schema+YAML;version=2019-09', '2020-12'],
    ['application/vnd.oai.openapi+json;version=3.1.0', '2020-12'],
    ['application/vnd.apache.avro;version=1.9.0', undefined],
  ])('%s: %s', (format, dialect) => {
    expect(payloadDialect(format)).toBe(dialect);
  });
});
