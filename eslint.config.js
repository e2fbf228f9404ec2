import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Architecture boundaries, enforced here rather than in prose (see ../shared/STYLE.md). */
const noServerImports = {
  group: ['@kefu/server', '**/apps/server/**'],
  message: 'Front-ends and SDKs talk to the server over the protocol, never by importing it.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['apps/server/src/**/*.ts'],
    ignores: ['apps/server/src/storage/migrations/**', 'apps/server/src/**/*.test.ts', 'apps/server/src/test-support/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // Frozen migrations take Kysely<any> on purpose: they must not depend on today's types.
    files: ['apps/server/src/storage/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['apps/server/src/*/**/*.ts'],
    ignores: ['apps/server/src/**/*.test.ts', 'apps/server/src/test-support/**', 'apps/server/src/context.ts', 'apps/server/src/workspace/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          group: ['../*/repo.js', '!../storage/*'],
          allowTypeImports: true,
          message: "A domain uses another domain's service, not its repo.ts (the context wires repos).",
        }],
      }],
    },
  },
  {
    files: ['apps/widget/**', 'apps/console/**', 'packages/**'],
    // The SDK's integration tests start a real server: that is what they test against.
    ignores: ['packages/*/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noServerImports] }] },
  },
  {
    files: ['apps/widget-loader/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          noServerImports,
          { group: ['@kefu/client', '@kefu/client/*', 'preact', 'preact/*', 'socket.io-client'], message: 'The loader stays tiny: it imports only the protocol (bridge types and constants).' },
        ],
      }],
    },
  },
);
