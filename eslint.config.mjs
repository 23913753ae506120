// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/*
 * Boundaries that hold by themselves (see the README's code map). Each package is imported through its path alias
 * (`@samenspoor/sql`; a library's test helpers through `@samenspoor/<library>/testing`), never around it:
 *   - a library never imports an app;
 *   - an app never imports another app's files, nor a library's files by path;
 *   - nothing reaches into `libs/<name>/src` or another package's `src` by a relative path, nor `@samenspoor/<name>/src`;
 *   - the domain imports no other library;
 *   - code that ships never imports test support (`@samenspoor/testing`, `@samenspoor/<library>/testing`);
 *   - `test/` imports libraries by alias only; it may import the apps' own files (their config, bootstrap and
 *     modules), because it starts and configures them as a deployment would.
 */
const TEST_FILES = ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/testing/**', 'test/**'];
const rule = {
  viaAlias: {
    group: ['@samenspoor/*/src', '@samenspoor/*/src/**'],
    message: 'Import a library through its alias (@samenspoor/<name>), not its src folder.',
  },
  intoSrc: {
    group: ['**/src', '**/src/**', '**/libs/**'],
    message:
      "Reaching into another package's src by path: import a library through its alias; an app never imports another app.",
  },
  libsByPath: {
    group: ['**/libs/**'],
    message: 'Import a library through its alias (@samenspoor/<name>), never by path.',
  },
  noApps: { group: ['**/apps/**'], message: 'A library never imports an app.' },
  noTestSupport: {
    group: ['@samenspoor/testing', '@samenspoor/*/testing'],
    message: 'Code that ships never imports test support.',
  },
  pureDomain: {
    group: ['@samenspoor/*', '@samenspoor/*/**'],
    message: 'The domain is pure: it imports no other library.',
  },
};
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});
const boundaries = [
  {
    files: ['libs/**/*.ts'],
    rules: restrict(rule.viaAlias, rule.intoSrc, rule.noApps, rule.noTestSupport),
  },
  {
    files: TEST_FILES.filter((f) => f !== 'test/**').map((f) => `libs/${f}`),
    rules: restrict(rule.viaAlias, rule.intoSrc, rule.noApps),
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: restrict(rule.intoSrc, rule.noApps, rule.pureDomain),
  },
  {
    files: ['apps/**/*.ts', 'apps/**/*.tsx'],
    rules: restrict(rule.viaAlias, rule.intoSrc, rule.noTestSupport),
  },
  {
    files: TEST_FILES.filter((f) => f !== 'test/**').map((f) => `apps/${f}`),
    rules: restrict(rule.viaAlias, rule.intoSrc),
  },
  {
    files: ['test/**/*.ts'],
    rules: restrict(rule.viaAlias, rule.libsByPath),
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'test-artifacts/**',
      '*.js',
      '*.mjs',
      'apps/web/vite.config.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']",
          message: 'No focused tests.',
        },
        {
          selector:
            "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='skip']",
          message: 'No skipped tests: guard explicitly and say why.',
        },
      ],
    },
  },
  ...boundaries,
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
