// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** The pure engine: text in, findings out. These folders may not reach the outside world. */
const pureCore = [
  'src/core/**',
  'src/load/**',
  'src/model/**',
  'src/engine/**',
  'src/diff/**',
  'src/review/**',
  'src/signoff/**',
  'src/report/**',
  'src/init/**',
  'rules/**',
];

const ioModules = [
  'fs',
  'fs/promises',
  'node:fs',
  'node:fs/promises',
  'http',
  'https',
  'node:http',
  'node:https',
  'net',
  'node:net',
  'child_process',
  'node:child_process',
  'probot',
  'nock',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'scratch/', 'build/', 'dist/', 'coverage/', '.cache/', 'docs/', 'examples/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: pureCore,
    ignores: ['**/*.test.ts', 'test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({
            name,
            message: 'The engine is pure: file, network and process access belong in src/adapters.',
          })),
          patterns: [
            { group: ['@octokit/*', 'octokit'], message: 'GitHub access lives in src/adapters/github.' },
            {
              group: ['**/adapters/**', '**/cli/**', '**/app/**', '**/action/**'],
              message: 'The core does not depend on its doors.',
            },
          ],
        },
      ],
    },
  },
);
