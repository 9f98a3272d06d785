// ESLint flat config. Layer boundaries (house style): core imports nothing outside core and no node:*;
// web never imports io, service, server or cli; io never imports service, cli or server; service never
// imports cli or server; server and cli never import each other.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`, `../../../${name}/*`, `../../../../${name}/*`];

export default tseslint.config(
  { ignores: ['scratch/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', '.clusterlens/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'crypto'], message: 'src/core is pure: no Node built-ins.' },
          { group: [...layer('io'), ...layer('service'), ...layer('cli'), ...layer('server'), ...layer('web')], message: 'src/core imports nothing outside src/core.' },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', 'window', 'document', 'fetch'],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Inject a seeded rng.' },
        { object: 'Date', property: 'now', message: 'Core is deterministic: pass time in.' }],
    },
  },
  {
    files: ['src/io/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...layer('service'), ...layer('cli'), ...layer('server'), ...layer('web')], message: 'io sits below service, cli, server and web.' }] }] },
  },
  {
    files: ['src/service/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...layer('cli'), ...layer('server'), ...layer('web')], message: 'service is shared by cli and server and imports neither.' }] }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...layer('web')], message: 'cli does not import web.' }] }] },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...layer('cli'), ...layer('web')], message: 'server does not import cli or web.' }] }] },
  },
  {
    files: ['src/web/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', ...layer('io'), ...layer('service'), ...layer('server'), ...layer('cli')], message: 'web may import src/core only.' }] }] },
  },
);
