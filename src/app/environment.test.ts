import { describe, expect, it } from 'vitest';
import { invalidSettings } from './environment.js';
import { optionsFromEnv } from './index.js';

describe('the app environment', () => {
  it('links comments to the rule docs only when BLUEPRINT_REVIEW_DOCS_URL says where they are', () => {
    expect(optionsFromEnv({}).docsUrl).toBeUndefined();
    expect(
      optionsFromEnv({ BLUEPRINT_REVIEW_DOCS_URL: 'https://ghe.example/org/br/blob/v1/docs/' }).docsUrl,
    ).toBe('https://ghe.example/org/br/blob/v1/docs');
  });

  it('refuses to start with a docs address that is not an absolute http(s) folder', () => {
    expect(invalidSettings({ BLUEPRINT_REVIEW_DOCS_URL: 'https://ghe.example/docs' })).toEqual([]);
    expect(invalidSettings({ BLUEPRINT_REVIEW_DOCS_URL: 'docs/' })).toEqual([
      'BLUEPRINT_REVIEW_DOCS_URL: "docs/" is not an absolute URL',
    ]);
  });
});
