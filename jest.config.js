// @ts-check
const { readFileSync } = require('node:fs');

/** SWC compiles our TypeScript and the ESM-only packages (NestJS 12) to CommonJS for Jest. */
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

/** What every project shares: how to compile, and how the path aliases resolve. */
const shared = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  transform: { '^.+\\.(t|j|cj)s$': ['@swc/jest', { ...swc, swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@electric-sql|uid|jose|uuid)/)'],
  moduleNameMapper: {
    '^@samenspoor/testing$': '<rootDir>/test/support',
    '^@samenspoor/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing',
    '^@samenspoor/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
};

/**
 * Three projects, by the file names of the style guide: `unit` (`*.spec.ts`, pure, no database: `npm run
 * test:unit`), `integration` (`*.int.spec.ts`, against a real database) and `e2e` (`*.e2e-spec.ts`, the whole
 * app over HTTP). `npm test` runs all three.
 */
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.spec\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['**/*.int.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
  maxWorkers: 2,
  testTimeout: 60_000,
};
