import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ActionError, readInputs, readPullRequestEvent } from './inputs.js';

const payload = JSON.parse(
  readFileSync(new URL('../../test/fixtures/action/pull_request.opened.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('Action inputs', () => {
  it('reads every input from INPUT_* variables, with defaults', () => {
    expect(readInputs({ 'INPUT_GITHUB-TOKEN': 't' })).toEqual({ token: 't', failOn: 'error' });
    expect(
      readInputs({
        'INPUT_GITHUB-TOKEN': ' t ',
        'INPUT_FAIL-ON': 'warning',
        'INPUT_SARIF-FILE': 'out.sarif',
      }),
    ).toEqual({
      token: 't',
      failOn: 'warning',
      sarifFile: 'out.sarif',
    });
  });

  it('reads the config path and blueprint globs (one per line or comma-separated)', () => {
    expect(
      readInputs({
        'INPUT_GITHUB-TOKEN': 't',
        INPUT_CONFIG: 'ci/blueprint-review.yml',
        INPUT_BLUEPRINTS: 'blueprints/*\n  architecture/payments , ',
      }),
    ).toEqual({
      token: 't',
      failOn: 'error',
      configPath: 'ci/blueprint-review.yml',
      blueprints: ['blueprints/*', 'architecture/payments'],
    });
  });

  it('refuses a config path outside the repository', () => {
    for (const path of ['../other/config.yml', '/etc/config.yml', 'https://example.com/c.yml']) {
      expect(() => readInputs({ 'INPUT_GITHUB-TOKEN': 't', INPUT_CONFIG: path })).toThrow(
        `Input "config" is "${path}"; expected a path inside the repository`,
      );
    }
  });

  it('fails with the input named when the token is missing or fail-on is unknown', () => {
    expect(() => readInputs({})).toThrow('Input "github-token" is required.');
    expect(() => readInputs({ 'INPUT_GITHUB-TOKEN': 't', 'INPUT_FAIL-ON': 'fatal' })).toThrow(
      'Input "fail-on" is "fatal"; expected one of error, warning, info, never.',
    );
  });

  it('reads fail-on in any case, as the CLI does', () => {
    expect(readInputs({ 'INPUT_GITHUB-TOKEN': 't', 'INPUT_FAIL-ON': 'Never' }).failOn).toBe('never');
  });

  it('reads the docs address (a folder, trailing slash dropped) and refuses one that is not http(s)', () => {
    expect(
      readInputs({ 'INPUT_GITHUB-TOKEN': 't', 'INPUT_DOCS-URL': 'https://ghe.example/org/br/blob/v1/docs/' })
        .docsUrl,
    ).toBe('https://ghe.example/org/br/blob/v1/docs');
    for (const value of ['docs/', 'ftp://x/docs', 'https://x/docs?ref=1'])
      expect(() => readInputs({ 'INPUT_GITHUB-TOKEN': 't', 'INPUT_DOCS-URL': value })).toThrow(
        `Input "docs-url" is "${value}"`,
      );
  });
});

describe('the pull request event', () => {
  it('reads repository, number, base and head from a real pull_request payload', () => {
    expect(readPullRequestEvent('pull_request', payload)).toEqual({
      owner: 'Codertocat',
      repo: 'Hello-World',
      number: 2,
      baseSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
      baseRef: 'master',
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      author: 'Codertocat',
    });
  });

  it('refuses other events and incomplete payloads', () => {
    expect(() => readPullRequestEvent('push', payload)).toThrow(ActionError);
    expect(() => readPullRequestEvent('push', payload)).toThrow(/not "push"/);
    // A merge group is refused with what to do instead (fail closed: the step fails).
    expect(() => readPullRequestEvent('merge_group', payload)).toThrow(ActionError);
    expect(() => readPullRequestEvent('merge_group', payload)).toThrow(
      /use the GitHub App: it checks each merge group/,
    );
    expect(() => readPullRequestEvent('merge_group', payload)).toThrow(/github\.event_name != 'merge_group'/);
    expect(() => readPullRequestEvent('pull_request', { ...payload, pull_request: { number: 2 } })).toThrow(
      'The event payload cannot be read: baseSha is missing.',
    );
    expect(() =>
      readPullRequestEvent('pull_request', JSON.parse('{"__proto__": {"pull_request": 1}}')),
    ).toThrow(ActionError);
  });
});
