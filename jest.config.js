// @ts-check
const { readFileSync } = require('node:fs');

/** SWC compiles our TypeScript and the ESM-only packages (NestJS 12) to CommonJS for Jest. */
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|cj)s$': ['@swc/jest', { ...swc, swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@electric-sql|uid|jose|uuid)/)'],
  moduleNameMapper: {
    '^@samenspoor/testing$': '<rootDir>/test/support',
    '^@samenspoor/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing',
    '^@samenspoor/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  maxWorkers: 2,
  testTimeout: 60_000,
};
