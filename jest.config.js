// Suites that exist only for PostgreSQL are left out when TEST_DATABASES does not name it.
const databases = (process.env.TEST_DATABASES ?? 'sqlite,postgres').split(',').map((s) => s.trim());
const postgresOnly = ['<rootDir>/test/e2e/two-instances.e2e-spec.ts', '<rootDir>/test/e2e/rules-version.e2e-spec.ts', '<rootDir>/test/e2e/two-instance-limits.e2e-spec.ts'];

/** @type {import('jest').Config} */
module.exports = {
  testPathIgnorePatterns: ['/node_modules/', ...(databases.includes('postgres') ? [] : postgresOnly)],
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  roots: ['<rootDir>/libs/', '<rootDir>/apps/', '<rootDir>/test/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^@app/(audit|auth|ballots|config|demo|domain|imports|lifecycle|notices|persistence|portal|reports|rules|wording)(|/.*)$': '<rootDir>/libs/$1/src$2',
    '^@test/(.*)$': '<rootDir>/test/$1',
  },
  testEnvironment: 'node',
  // End-to-end tests start, stop and restart the service as a child process; on a loaded 2-core
  // machine that takes seconds, so the default 5 s per test is too tight for them.
  testTimeout: 30_000,
  collectCoverageFrom: ['libs/**/src/**/*.ts', '!**/*.spec.ts', '!**/index.ts'],
  coverageThreshold: {
    global: { statements: 90, branches: 80, functions: 90, lines: 90 },
  },
};
