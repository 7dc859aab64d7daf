import { describe, expect, it } from 'vitest';
import { parseExtends } from './repository-config.js';

const FROM = { owner: 'acme', repo: 'orders', path: '.github/blueprint-review.yml' };

describe('parseExtends', () => {
  it('reads repo, owner/repo and either with :path', () => {
    expect(parseExtends('.github', FROM)).toEqual({
      owner: 'acme',
      repo: '.github',
      path: '.github/blueprint-review.yml',
    });
    expect(parseExtends('platform/arch-config:base.yml', FROM)).toEqual({
      owner: 'platform',
      repo: 'arch-config',
      path: 'base.yml',
    });
  });

  it('refuses . and .. as a repository, and paths that leave the repository', () => {
    for (const spec of [
      '.',
      '..',
      'acme/..',
      'acme/.',
      '..:base.yml',
      'config:../x.yml',
      'config:/etc/x.yml',
    ])
      expect(parseExtends(spec, FROM), spec).toBeUndefined();
  });
});
